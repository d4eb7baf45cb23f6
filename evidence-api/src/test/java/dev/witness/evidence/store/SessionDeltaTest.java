package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionDeltaTest {

  private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(5);

  @Test
  void mergeSumsCountersSpansTimesAndKeepsEarliestIdentity() {
    SessionDelta late = SessionDelta.ofEvent("s", "agent-late", "witness", "bob", "P-2", "http:demo", "HTTP", T2,
        false, true, false);
    SessionDelta early = SessionDelta.ofEvent("s", "agent-early", "witness", null, null, "http:demo", "HTTP", T1,
        true, false, true);

    SessionDelta merged = late.plus(early);

    assertThat(merged.agentId()).isEqualTo("agent-early");
    assertThat(merged.delegatingHuman()).isEqualTo("bob");
    assertThat(merged.purpose()).isEqualTo("P-2");
    assertThat(merged.startedAt()).isEqualTo(T1);
    assertThat(merged.lastEventAt()).isEqualTo(T2);
    assertThat(merged.eventCount()).isEqualTo(2);
    assertThat(merged.requestCount()).isEqualTo(1);
    assertThat(merged.deniedCount()).isEqualTo(1);
    assertThat(merged.authFailures()).isEqualTo(1);
    assertThat(early.plus(late)).isEqualTo(merged);
  }

  @Test
  void eventsWithoutPurposeOrDelegatingHumanMerge() {
    // An agent that states no purpose (curl without X-Witness-Purpose) must not stall ingest.
    SessionDelta a = SessionDelta.ofEvent("s", "x", "witness", null, null, "r", "HTTP", T1, true, false, false);
    SessionDelta b = SessionDelta.ofEvent("s", "x", "witness", null, null, "r", "HTTP", T2, false, true, false);
    SessionDelta merged = a.plus(b);
    assertThat(merged.purpose()).isNull();
    assertThat(merged.delegatingHuman()).isNull();
    assertThat(merged.eventCount()).isEqualTo(2);
    assertThat(merged.deniedCount()).isEqualTo(1);
  }

  @Test
  void differentSessionsDoNotMerge() {
    SessionDelta a = SessionDelta.ofEvent("a", "x", "witness", null, null, "r", "HTTP", T1, false, false, false);
    SessionDelta b = SessionDelta.ofEvent("b", "x", "witness", null, null, "r", "HTTP", T1, false, false, false);
    assertThatThrownBy(() -> a.plus(b)).isInstanceOf(IllegalArgumentException.class);
  }
}
