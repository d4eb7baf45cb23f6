package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalProcessorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path stateDir;
  private MockProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, StoredApproval> store;
  private ApprovalProcessor processor;

  @BeforeEach
  void init() {
    context = new MockProcessorContext<>(TestDrivers.props("approvals", stateDir));
    context.setCurrentSystemTimeMs(NOW.toEpochMilli());
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("approval-states"), Serdes.String(),
        new StoredApprovalSerde()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    processor = new ApprovalProcessor(new ApprovalStateMachine(Map.of("dba", List.of("U0BOB"))),
        Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), Duration.ofDays(1), "approval-states");
    processor.init(context);
  }

  @Test
  void schedulesAWallClockExpiryCheck() {
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    assertThat(punctuator.getInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void storesARequestOnceAndForwardsNothingUntilItIsFinal() {
    processor.process(new Record<>("ap-1", requested("ap-1", NOW.plusSeconds(60)), 0L));
    processor.process(new Record<>("ap-1", requested("ap-1", NOW.plusSeconds(999)), 0L));

    assertThat(store.get("ap-1").state().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(store.get("ap-1").state().expiresAtMicros()).isEqualTo(ApprovalEvents.micros(NOW.plusSeconds(60)));
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void thePunctuatorExpiresDueApprovalsAndAnswersTheHeldRequest() {
    processor.process(new Record<>("ap-1", requested("ap-1", NOW.plusSeconds(60)), 0L));
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    punctuator.getPunctuator().punctuate(NOW.plusSeconds(59).toEpochMilli());
    assertThat(context.forwarded()).isEmpty();
    punctuator.getPunctuator().punctuate(NOW.plusSeconds(60).toEpochMilli());

    assertThat(context.forwarded()).hasSize(2);
    assertThat(context.forwarded().get(0).record().value()).isInstanceOf(ApprovalExpired.class);
    assertThat(context.forwarded().get(0).record().key()).isEqualTo("ap-1");
    Verdict verdict = (Verdict) context.forwarded().get(1).record().value();
    assertThat(context.forwarded().get(1).record().key()).isEqualTo("s-1");
    assertThat(verdict.getDecision()).isEqualTo(Decision.DENY);
    assertThat(store.get("ap-1").state().status()).isEqualTo(ApprovalStatus.EXPIRED);
  }

  @Test
  void aDecisionForAnUnknownApprovalIsDropped() {
    processor.process(new Record<>("nope", decision("nope"), 0L));

    assertThat(context.forwarded()).isEmpty();
    assertThat(store.get("nope")).isNull();
  }

  @Test
  void finalApprovalsAreForgottenAfterTheRetention() {
    processor.process(new Record<>("ap-1", requested("ap-1", NOW.plusSeconds(60)), 0L));
    processor.process(new Record<>("ap-1", decision("ap-1"), 0L));
    assertThat(store.get("ap-1").state().status()).isEqualTo(ApprovalStatus.APPROVED);
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    punctuator.getPunctuator().punctuate(NOW.plus(Duration.ofDays(1)).toEpochMilli());
    assertThat(store.get("ap-1")).isNotNull();
    punctuator.getPunctuator().punctuate(NOW.plus(Duration.ofDays(1)).plusSeconds(61).toEpochMilli());
    assertThat(store.get("ap-1")).isNull();
  }

  private static ApprovalRequested requested(String approvalId, Instant expiresAt) {
    return ApprovalRequested.newBuilder()
        .setHeader(TestEvents.header("s-1", 3, "agent-1", Protocol.SQL))
        .setApprovalId(approvalId)
        .setRequestId("req-1")
        .setRequestHash("h")
        .setRules(List.of("r"))
        .setQuorum(1)
        .setApproverGroup("dba")
        .setExpiresAt(expiresAt)
        .setReplyPartition(0)
        .setGrantWindowMillis(60_000)
        .build();
  }

  private static ApprovalDecision decision(String approvalId) {
    return ApprovalDecision.newBuilder().setDecisionId("d-1").setApprovalId(approvalId).setChannel("cli")
        .setApproverId("U0BOB").setApprove(true).setDecidedAt(NOW).build();
  }
}
