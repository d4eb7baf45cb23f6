package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredApprovalSerdeTest {

  private final StoredApprovalSerde serde = new StoredApprovalSerde();

  @Test
  void roundTripsEveryField() {
    Vote vote = new Vote("d1", "U0BOB", "bob@example.com", true, "ok", "slack", 42, GrantScope.RULE);
    ApprovalState state = new ApprovalState("ap-1", ApprovalStatus.APPROVED, "agent-1", null, "hash", 2, "dba", 99,
        1_000, List.of(vote), List.of(new Refusal(vote, "why")), 50, 60, GrantScope.RULE);
    StoredApproval stored = new StoredApproval(state, new ApprovalSubject("e-1", 7, "s-1", 3, "agent-1", "witness",
        null, "T-1", "postgres:demo", "SQL", "pv", "req-1", 2, List.of("r1"), "pii"));

    byte[] bytes = serde.serializer().serialize("t", stored);

    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(stored);
  }

  @Test
  void fieldsAWriterAddedLaterAreIgnored() {
    String json = "{\"state\":{\"approvalId\":\"ap\",\"status\":\"PENDING\",\"agentId\":\"a\",\"requestHash\":\"h\","
        + "\"quorum\":1,\"expiresAtMicros\":5,\"future\":true},\"subject\":{\"sessionId\":\"s\",\"replyPartition\":-1,"
        + "\"protocol\":\"SQL\",\"later\":[1]}}";

    StoredApproval read = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    assertThat(read.state().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(read.state().votes()).isEmpty();
    assertThat(read.state().grantScope()).isEqualTo(GrantScope.REQUEST);
    assertThat(read.subject().replyPartition()).isEqualTo(-1);
    // Stored before approvals carried a plan: the default masking.
    assertThat(read.subject().maskPlan()).isNull();
  }
}
