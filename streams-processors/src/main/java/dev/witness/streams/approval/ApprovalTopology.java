package dev.witness.streams.approval;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.routing.ReplyPartitioner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval state machine as a Streams application: {@code ApprovalRequested} (from the verdict
 * topology) and {@code ApprovalDecision} (from Slack, CLI, REST) in, both keyed by approval id and
 * co-partitioned; {@code ApprovalDecided}/{@code ApprovalExpired} out to {@code witness.approvals}
 * (so into the ledger, and into the verdict topology's grant index), and the follow-up
 * {@code Verdict} of the held request to its proxy's {@code witness.replies} partition.
 *
 * <p>A separate application, not part of the verdict topology: its input is keyed by approval id,
 * the verdict topology's by session, and the verdict topology reads {@code witness.approvals} as a
 * global store, which Kafka Streams does not allow next to a stream of the same topic.
 */
public final class ApprovalTopology {

  private static final Logger log = LoggerFactory.getLogger(ApprovalTopology.class);

  /** How often pending approvals are checked for expiry. */
  public static final Duration DEFAULT_EXPIRY_CHECK = Duration.ofSeconds(1);

  /** How long a final approval is remembered, so late and repeated decisions are recognised. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

  private ApprovalTopology() {}

  /** The topology with {@link #DEFAULT_EXPIRY_CHECK} and {@link #DEFAULT_RETENTION}. */
  public static Topology build(SchemaRegistryClient registry, PolicyConfig policy, Clock clock) {
    return build(registry, policy, clock, DEFAULT_EXPIRY_CHECK, DEFAULT_RETENTION);
  }

  /**
   * The topology.
   *
   * @param registry schema registry of the event serdes
   * @param policy the policy in force; its {@code approvers.groups} decide who may approve
   * @param clock stamps event headers
   * @param expiryCheck how often the wall-clock punctuator looks for expired approvals
   * @param retention how long after its final state (or grant end) an approval is remembered
   */
  public static Topology build(
      SchemaRegistryClient registry, PolicyConfig policy, Clock clock, Duration expiryCheck, Duration retention) {
    if (expiryCheck == null || expiryCheck.isNegative() || expiryCheck.isZero()) {
      throw new IllegalArgumentException("expiryCheck: must be positive, got " + expiryCheck);
    }
    ApprovalStateMachine machine = new ApprovalStateMachine(policy.approvers().groups());
    Serde<SpecificRecord> events = new AvroEventSerde<>(registry, SpecificRecord.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.APPROVALS.name(), Topics.APPROVAL_DECISIONS.name()),
            Consumed.with(Serdes.String(), events).withName("approval-inputs"))
        .process(processor(machine, clock, expiryCheck, retention), Named.as("approval-state-machine"))
        .split(Named.as("approval-out-"))
        .branch((key, value) -> value instanceof Verdict, Branched.withConsumer(verdicts -> verdicts.to(
            Topics.REPLIES.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REPLIES))
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("approval-verdicts")), "verdicts"))
        .defaultBranch(Branched.withConsumer(finals -> finals.to(
            Topics.APPROVALS.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.APPROVALS))
                .withName("approval-finals")), "finals"));
    log.info("approval topology built groups={} expiryCheck={}", policy.approvers().groups().keySet(), expiryCheck);
    return builder.build();
  }

  private static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> processor(
      ApprovalStateMachine machine, Clock clock, Duration expiryCheck, Duration retention) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, SpecificRecord, String, SpecificRecord> get() {
        return new ApprovalProcessor(machine, clock, expiryCheck, retention, TopologyNames.APPROVAL_STORE);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        StoreBuilder<KeyValueStore<String, StoredApproval>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.APPROVAL_STORE), Serdes.String(), new StoredApprovalSerde())
            .withCachingDisabled();
        return Set.of(store);
      }
    };
  }
}
