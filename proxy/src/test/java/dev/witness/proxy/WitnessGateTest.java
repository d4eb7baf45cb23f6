package dev.witness.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.RecordingPublisher;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class WitnessGateTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final PendingReplies replies = new PendingReplies(3);
  private final WitnessGate gate = new WitnessGate(publisher, replies, Duration.ofMillis(200));

  @Test
  void aProxyGateMustWaitOnThePartitionItsRepliesReach() {
    ProxyConfig partitionThree = new ProxyConfig(3, Duration.ofSeconds(1), null, null);
    assertThat(WitnessGate.forProxy(partitionThree, publisher, replies)).isNotNull();
    ProxyConfig partitionOne = new ProxyConfig(1, Duration.ofSeconds(1), null, null);
    assertThatThrownBy(() -> WitnessGate.forProxy(partitionOne, publisher, replies))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy.replyPartition: 1")
        .hasMessageContaining("partition 3");
  }

  @Test
  void admitPublishesThenCompletesWithTheVerdict() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = gate.admit(request);

    assertThat(publisher.nextRequest()).isEqualTo(request);
    Verdict allow = Replies.allow(request);
    replies.dispatch(allow);

    assertThat(verdict.get()).isEqualTo(allow);
  }

  @Test
  void publishFailureFailsClosedAtOnce() {
    publisher.failWith(new IllegalStateException("broker down"));

    CompletableFuture<Verdict> verdict = gate.admit(TestExchanges.request("req-1"));

    assertThat(verdict).isCompletedExceptionally();
    assertThatThrownBy(verdict::get).cause()
        .isInstanceOf(WitnessUnavailableException.class)
        .hasMessage("event not recorded")
        .satisfies(e -> assertThat(((WitnessUnavailableException) e).stage()).isEqualTo(Stage.REQUEST));
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void missingVerdictFailsClosedAfterTheTimeout() {
    long start = System.nanoTime();
    CompletableFuture<Verdict> verdict = gate.admit(TestExchanges.request("req-1"));

    assertThatThrownBy(verdict::get).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(WitnessUnavailableException.class)
        .hasMessage("no verdict within 200ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
  }

  @Test
  void maskWaitsForTheMaskedChunkOfThatIndex() throws Exception {
    ResponseChunk chunk = TestExchanges.chunk("req-1", 2);
    CompletableFuture<MaskedChunk> masked = gate.mask(chunk);

    assertThat(publisher.nextChunk()).isEqualTo(chunk);
    MaskedChunk reply = Replies.unchanged(chunk);
    replies.dispatch(reply);

    assertThat(masked.get()).isEqualTo(reply);
  }

  @Test
  void chunksCarryTheMaskPlanTheirVerdictNamedUntilTheLastOne() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = admit(gate, request);
    replies.dispatch(Verdict.newBuilder(Replies.allow(request)).setMaskPlan("pii").build());
    verdict.get();
    RequestIntercepted other = TestExchanges.request("req-2");
    CompletableFuture<Verdict> plain = admit(gate, other);
    replies.dispatch(Replies.allow(other));
    plain.get();

    gate.mask(TestExchanges.chunk("req-1", 0));
    ResponseChunk last = TestExchanges.chunk("req-1", 1);
    last.setLast(true);
    gate.mask(last);
    gate.mask(TestExchanges.chunk("req-2", 0));
    gate.mask(TestExchanges.chunk("req-1", 2));

    assertThat(publisher.nextChunk().getMaskPlan()).isEqualTo("pii");
    assertThat(publisher.nextChunk().getMaskPlan()).isEqualTo("pii");
    assertThat(publisher.nextChunk().getMaskPlan()).as("verdict without a plan").isNull();
    assertThat(publisher.nextChunk().getMaskPlan()).as("after the last chunk").isNull();
  }

  @Test
  void missingMaskedChunkFailsTheResponseStage() {
    CompletableFuture<MaskedChunk> masked = gate.mask(TestExchanges.chunk("req-1", 0));

    assertThatThrownBy(masked::get).cause()
        .isInstanceOf(WitnessUnavailableException.class)
        .satisfies(e -> assertThat(((WitnessUnavailableException) e).stage()).isEqualTo(Stage.RESPONSE));
  }

  @Test
  void aRequestNeedingApprovalIsHeldUntilTheApprovalAllowsIt() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = held(holding(Duration.ofSeconds(5)), request);

    assertThat(verdict).isNotDone();
    Verdict approved = Verdict.newBuilder(Replies.allow(request)).setApprovalId("appr-1").build();
    replies.dispatch(approved);

    assertThat(verdict.get()).isEqualTo(approved);
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void aRejectedApprovalEndsTheHoldWithTheDenial() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = held(holding(Duration.ofSeconds(5)), request);

    Verdict rejected = Verdict.newBuilder(Replies.verdict(request, Decision.DENY, List.of("ddl"), "rejected by bob"))
        .setApprovalId("appr-1").build();
    replies.dispatch(rejected);

    assertThat(verdict.get().getDecision()).isEqualTo(Decision.DENY);
    assertThat(verdict.get().getReason()).isEqualTo("rejected by bob");
  }

  @Test
  void withoutADecisionWithinTheHoldThePendingVerdictIsTheAnswer() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = admit(holding(Duration.ofMillis(300)), request);

    Verdict pending = approvalRequired(request);
    replies.dispatch(pending);

    assertThat(verdict.get()).isEqualTo(pending);
    // The timed-out waiter is unmapped right after its dependents ran.
    for (int i = 0; i < 100 && replies.waiting() > 0; i++) {
      Thread.sleep(10);
    }
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void withoutAHoldARequestNeedingApprovalIsAnsweredAtOnce() throws Exception {
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = admit(gate, request);

    Verdict pending = approvalRequired(request);
    replies.dispatch(pending);

    assertThat(verdict).isCompletedWithValue(pending);
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void aHeldRequestWhoseAgentWentAwayIsWithdrawnAsACancelOfItsApproval() throws Exception {
    WitnessGate holding = holding(Duration.ofSeconds(5));
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = held(holding, request);
    assertThat(holding.held()).isEqualTo(1);

    holding.withdraw("req-1", "the agent's connection closed").get();

    ApprovalDecision cancel = publisher.nextDecision();
    assertThat(cancel.getKind()).isEqualTo("cancel");
    assertThat(cancel.getApprovalId()).isEqualTo("appr-1");
    assertThat(cancel.getDecisionId()).isEqualTo("cancel-req-1");
    assertThat(cancel.getApproverId()).isEqualTo(request.getHeader().getAgent().getId());
    assertThat(cancel.getChannel()).isEqualTo("proxy");
    assertThat(cancel.getApprove()).isFalse();
    assertThat(cancel.getReason()).isEqualTo("the agent's connection closed");
    assertThat(holding.held()).isZero();
    // Withdrawn once: a second close or cancel records nothing more.
    holding.withdraw("req-1", "again").get();
    assertThat(publisher.nextDecision()).isNull();
    // The approval topology's follow-up ends the hold.
    Verdict cancelled = Verdict.newBuilder(Replies.verdict(request, Decision.DENY, List.of("ddl"), "cancelled"))
        .setApprovalId("appr-1").build();
    replies.dispatch(cancelled);
    assertThat(verdict.get().getDecision()).isEqualTo(Decision.DENY);
  }

  @Test
  void aRequestWithdrawnBeforeItsVerdictIsCancelledOnceTheVerdictSaysItIsHeld() throws Exception {
    WitnessGate holding = new WitnessGate(publisher, replies, Duration.ofSeconds(10), Duration.ofSeconds(10));
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = admit(holding, request);

    holding.withdraw("req-1", "the agent cancelled the statement").get();
    assertThat(publisher.nextDecision()).isNull();
    replies.dispatch(approvalRequired(request));

    ApprovalDecision cancel = publisher.nextDecision();
    assertThat(cancel).isNotNull();
    assertThat(cancel.getReason()).isEqualTo("the agent cancelled the statement");
    assertThat(verdict).isNotDone();
  }

  @Test
  void withdrawingARequestThatIsNotHeldRecordsNothing() throws Exception {
    WitnessGate holding = new WitnessGate(publisher, replies, Duration.ofMillis(500), Duration.ofSeconds(5));
    RequestIntercepted request = TestExchanges.request("req-1");
    CompletableFuture<Verdict> verdict = admit(holding, request);
    replies.dispatch(Replies.allow(request));
    verdict.get();

    holding.withdraw("req-1", "closed").get();
    holding.withdraw("unknown", "closed").get();

    assertThat(publisher.nextDecision()).isNull();
  }

  /** A gate that holds requests needing approval for up to {@code hold}. */
  private WitnessGate holding(Duration hold) {
    return new WitnessGate(publisher, replies, Duration.ofMillis(200), hold);
  }

  /** Admits {@code request} through {@code through} and takes its event off the publisher. */
  private CompletableFuture<Verdict> admit(WitnessGate through, RequestIntercepted request)
      throws InterruptedException {
    CompletableFuture<Verdict> verdict = through.admit(request);
    publisher.nextRequest();
    return verdict;
  }

  /** Admits {@code request} and answers that it needs approval, so that {@code holding} holds it. */
  private CompletableFuture<Verdict> held(WitnessGate holding, RequestIntercepted request)
      throws InterruptedException {
    CompletableFuture<Verdict> verdict = admit(holding, request);
    replies.dispatch(approvalRequired(request));
    awaitWaiter();
    return verdict;
  }

  private static Verdict approvalRequired(RequestIntercepted request) {
    return Replies.verdict(request, Decision.REQUIRE_APPROVAL, List.of("ddl"), null);
  }

  /** The hold registers its waiter when the pending verdict completes; a decision sent before is lost. */
  private void awaitWaiter() throws InterruptedException {
    for (int i = 0; i < 100 && replies.waiting() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(replies.waiting()).isEqualTo(1);
  }
}
