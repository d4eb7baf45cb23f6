package dev.witness.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MeteredReplyChannelTest {

  /** A reply channel whose waits the test completes by hand (the real one needs a broker). */
  private static final class HandCompletedReplies implements ReplyChannel {
    final Map<String, CompletableFuture<Verdict>> waits = new HashMap<>();

    @Override
    public int partition() {
      return 0;
    }

    @Override
    public CompletableFuture<Verdict> verdict(String requestId, Duration timeout) {
      CompletableFuture<Verdict> wait = new CompletableFuture<>();
      waits.put(requestId, wait);
      return wait;
    }

    @Override
    public CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout) {
      return new CompletableFuture<>();
    }

    @Override
    public void close() {}
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HandCompletedReplies replies = new HandCompletedReplies();
  private final MeteredReplyChannel metered = new MeteredReplyChannel(replies, registry);

  @Test
  void countsVerdictsByProtocolAndDecisionAndTimesThem() {
    CompletableFuture<Verdict> answer = metered.verdict("r1", Duration.ofSeconds(5));
    replies.waits.get("r1").complete(verdict("r1", Decision.DENY));
    assertThat(answer).isCompletedWithValueMatching(v -> v.getDecision() == Decision.DENY);
    assertThat(registry.get(MeteredReplyChannel.VERDICTS).tag("protocol", "SQL").tag("decision", "DENY").counter().count())
        .isEqualTo(1);
    assertThat(registry.get(MeteredReplyChannel.VERDICT_LATENCY).timer().count()).isEqualTo(1);
  }

  @Test
  void aSecondWaitAfterRequireApprovalIsAHeldApproval() {
    CompletableFuture<Verdict> first = metered.verdict("r2", Duration.ofSeconds(5));
    // As the gate does: the hold starts when the pending verdict reaches it.
    CompletableFuture<Verdict> hold = first.thenCompose(v -> metered.verdict("r2", Duration.ofMinutes(1)));
    replies.waits.get("r2").complete(verdict("r2", Decision.REQUIRE_APPROVAL));
    assertThat(registry.get(MeteredReplyChannel.HELD_APPROVALS).gauge().value()).isEqualTo(1);
    replies.waits.get("r2").complete(verdict("r2", Decision.ALLOW));
    assertThat(hold).isCompletedWithValueMatching(v -> v.getDecision() == Decision.ALLOW);
    assertThat(registry.get(MeteredReplyChannel.HELD_APPROVALS).gauge().value()).isZero();
    // The decision after the hold is not a second request.
    assertThat(registry.get(MeteredReplyChannel.VERDICTS).counters()).hasSize(1);
  }

  @Test
  void completingTheCallersFutureReleasesTheChannelsWait() {
    CompletableFuture<Verdict> answer = metered.verdict("r3", Duration.ofSeconds(5));
    answer.completeExceptionally(new IllegalStateException("event not recorded"));
    assertThat(replies.waits.get("r3")).isCompletedExceptionally();
    assertThat(registry.get(MeteredReplyChannel.VERDICTS).tag("decision", "none").counter().count()).isEqualTo(1);
  }

  private static Verdict verdict(String requestId, Decision decision) {
    EventHeader header = EventHeader.newBuilder().setEventId("e-" + requestId).setSessionId("s").setSequence(1)
        .setTimestamp(Instant.parse("2026-01-01T00:00:00Z")).setAgent(AgentIdentity.newBuilder().setId("agent").build())
        .setResource("postgres:demo").setProtocol(Protocol.SQL).build();
    return Verdict.newBuilder().setHeader(header).setRequestId(requestId).setReplyPartition(0)
        .setDecision(decision).setApprovalId(decision == Decision.REQUIRE_APPROVAL ? "a1" : null).build();
  }
}
