package dev.witness.streams.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

  @Test
  void derivesTheIdFromTheSourceTakesTheCurrentTimeAndKeepsTheRest() {
    Instant now = Instant.parse("2026-03-01T12:00:03Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    EventHeader source = TestEvents.header("s-1", 9, "agent-1", Protocol.HTTP);

    EventHeader derived = EventHeaders.derive(source, DerivedEventId.Kind.VERDICT, clock);

    assertThat(derived.getEventId()).isEqualTo(DerivedEventId.of(DerivedEventId.Kind.VERDICT, source))
        .isNotEqualTo(source.getEventId());
    assertThat(derived.getTimestamp()).isEqualTo(now);
    assertThat(EventHeader.newBuilder(derived).setEventId(source.getEventId()).setTimestamp(source.getTimestamp())
        .build()).isEqualTo(source);
  }

  @Test
  void readsTheHeaderOfAnyEventThatHasOne() {
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/", 0);

    assertThat(EventHeaders.of(request)).contains(request.getHeader());
    assertThat(EventHeaders.of(ApprovalDecision.newBuilder().setDecisionId("d").setApprovalId("a")
        .setChannel("cli").setApproverId("u").setApprove(true).setDecidedAt(Instant.EPOCH).build())).isEmpty();
  }
}
