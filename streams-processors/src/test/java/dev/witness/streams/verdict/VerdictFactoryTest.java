package dev.witness.streams.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.policy.PolicyVersion;
import dev.witness.streams.testing.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerdictFactoryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:02Z");

  @Test
  void answersTheRequestOnItsReplyPartitionWithAUuidV7DerivedFromTheRequests() {
    RequestIntercepted request = TestEvents.http("s-1", 7, "GET", "/", 6);
    VerdictFactory factory = new VerdictFactory(PolicyConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    Verdict verdict = factory.verdictFor(request);

    assertThat(verdict.getReplyPartition()).isEqualTo(6);
    assertThat(verdict.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getRules()).containsExactly("default");
    assertThat(UUID.fromString(verdict.getHeader().getEventId()).version()).isEqualTo(7);
    assertThat(verdict.getHeader().getEventId())
        .isEqualTo(DerivedEventId.of(DerivedEventId.Kind.VERDICT, request.getHeader()));
    assertThat(verdict.getHeader().getTimestamp()).isEqualTo(NOW);
    assertThat(verdict.getHeader().getPolicyVersion()).isEqualTo(PolicyVersion.of(PolicyConfig.defaults()));
    assertThat(factory.policyVersion()).isEqualTo(PolicyVersion.of(PolicyConfig.defaults()));
  }

  @Test
  void decidingARedeliveredRequestAgainGivesTheSameEventId() {
    RequestIntercepted request = TestEvents.http("s-1", 7, "GET", "/", 6);
    VerdictFactory before = new VerdictFactory(PolicyConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    VerdictFactory afterCrash = new VerdictFactory(PolicyConfig.defaults(), Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));

    String first = before.verdictFor(request).getHeader().getEventId();

    assertThat(afterCrash.verdictFor(request).getHeader().getEventId()).isEqualTo(first);
    assertThat(before.verdictFor(TestEvents.http("s-1", 8, "GET", "/", 6)).getHeader().getEventId()).isNotEqualTo(first);
  }

  @Test
  void leavesTheRequestUntouched() {
    RequestIntercepted request = TestEvents.http("s-1", 7, "GET", "/", 6);
    RequestIntercepted copy = RequestIntercepted.newBuilder(request).build();

    new VerdictFactory(PolicyConfig.defaults(), Clock.systemUTC()).verdictFor(request);

    assertThat(request).isEqualTo(copy);
    assertThat(request.getHeader().getPolicyVersion()).isNull();
  }
}
