package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTTP client that disconnects while its request is held for approval withdraws the request. */
class HttpApprovalWithdrawalTest extends AgentPipelineFixture {

  @Override
  Duration approvalHold() {
    // Long enough that the hold cannot end on its own before the test closes the connection.
    return Duration.ofMinutes(5);
  }

  @Test
  void aClientDisconnectingDuringTheHoldRecordsACancelOfTheApproval() throws Exception {
    send(get("/demo/prod", TOKEN));
    RequestIntercepted request = publisher.nextRequest();
    replies.dispatch(Replies.verdict(request, Decision.REQUIRE_APPROVAL, List.of("prod"), null));
    settle();
    assertThat(Wire.drain(agent)).as("held while an approver may still answer").isEmpty();

    agent.close();
    settle();

    ApprovalDecision cancel = publisher.nextDecision();
    assertThat(cancel).isNotNull();
    assertThat(cancel.getKind()).isEqualTo("cancel");
    assertThat(cancel.getApprovalId()).isEqualTo("appr-1");
    assertThat(cancel.getDecisionId()).isEqualTo("cancel-" + request.getRequestId());
    assertThat(cancel.getReason()).isEqualTo("the agent's connection closed");
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void aClientDisconnectingAfterItsAnswerWithdrawsNothing() throws Exception {
    send(get("/demo/items", TOKEN));
    replies.dispatch(Replies.allow(publisher.nextRequest()));
    settle();

    agent.close();
    settle();

    assertThat(publisher.nextDecision()).isNull();
  }
}
