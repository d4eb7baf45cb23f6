package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.streams.testing.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerEventsTest {

  @Test
  void evidenceIsWhatTheLedgerEntryUnionAdmits() {
    assertThat(LedgerEvents.isEvidence(TestEvents.http("s-1", 1, "GET", "/", 0))).isTrue();
    assertThat(LedgerEvents.isEvidence(TestEvents.approvalExpired("s-1", 1, "a-1"))).isTrue();
    // Raw chunks are never evidence; votes are evidence through ApprovalDecided.
    assertThat(LedgerEvents.isEvidence(TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", 0), 2, 0, true, "x")))
        .isFalse();
    assertThat(LedgerEvents.isEvidence(ApprovalDecision.newBuilder().setDecisionId("d").setApprovalId("a")
        .setChannel("cli").setApproverId("u").setApprove(true).setDecidedAt(Instant.EPOCH).build())).isFalse();
    assertThat(LedgerEvents.isEvidence(null)).isFalse();
  }

  @Test
  void theSessionComesFromTheHeader() {
    assertThat(LedgerEvents.sessionId(TestEvents.approvalExpired("s-9", 1, "a-1"))).contains("s-9");
  }
}
