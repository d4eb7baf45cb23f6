package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;

class RequestHashProperties {

  @Property
  void sessionSequencePurposeAndReplyPartitionDoNotMatter(
      @ForAll String statement, @ForAll @AlphaChars @NotBlank String session, @ForAll long sequence, @ForAll String purpose) {
    RequestIntercepted a = TestEvents.sql("s", 1, statement, 0);
    RequestIntercepted b = TestEvents.sql(session, Math.abs(sequence % 1_000_000), statement, 3);
    b.getHeader().setPurpose(purpose);

    assertThat(RequestHash.of(b)).isEqualTo(RequestHash.of(a));
  }

  @Property
  void anotherStatementOrAgentOrTargetChangesTheHash(@ForAll String statement, @ForAll String other) {
    if (statement.equals(other)) {
      return;
    }
    RequestIntercepted base = TestEvents.sql("s", 1, statement, 0);
    EventHeader otherAgent = EventHeader.newBuilder(base.getHeader()).build();
    otherAgent.getAgent().setId("agent-2");
    EventHeader otherTarget = EventHeader.newBuilder(base.getHeader()).setResource("postgres:prod").build();

    assertThat(RequestHash.of(TestEvents.sql("s", 1, other, 0))).isNotEqualTo(RequestHash.of(base));
    assertThat(RequestHash.of(RequestIntercepted.newBuilder(base).setHeader(otherAgent).build()))
        .isNotEqualTo(RequestHash.of(base));
    assertThat(RequestHash.of(RequestIntercepted.newBuilder(base).setHeader(otherTarget).build()))
        .isNotEqualTo(RequestHash.of(base));
  }
}
