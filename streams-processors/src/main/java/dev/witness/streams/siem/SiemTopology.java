package dev.witness.streams.siem;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.event.EventHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects Witness events onto {@code witness.siem.ocsf} as OCSF 1.5 JSON, keyed by session id:
 * each request paired with its verdict (Datastore, HTTP or API Activity with the decision as
 * action/disposition) and, when allowed, with the masked chunk that settles its response (a second
 * event of the same class with the status), agent logons (Authentication), and approval state
 * changes (Entity Management). Requests, verdicts and masked chunks are repartitioned by session id
 * since replies sit on the waiting proxy's reply partition. At-least-once; {@code metadata.uid} is
 * the Witness event id, so a re-delivered event carries the same uid.
 */
public final class SiemTopology {

  private static final Logger log = LoggerFactory.getLogger(SiemTopology.class);

  private SiemTopology() {}

  /** How long a request waits for its verdict or its response by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

  /** The topology with {@link #DEFAULT_RETENTION}. */
  public static Topology build(SchemaRegistryClient registry, Clock clock) {
    return build(registry, clock, DEFAULT_RETENTION);
  }

  /**
   * The topology.
   *
   * @param registry schema registry of the event serdes
   * @param clock stamps {@code metadata.processed_time}; ages waiting requests
   * @param retention how long a request waits for its verdict or response (and a verdict for its request)
   */
  public static Topology build(SchemaRegistryClient registry, Clock clock, Duration retention) {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention: must be positive, got " + retention);
    }
    Serde<String> keys = Serdes.String();
    Serde<SpecificRecord> events = new AvroEventSerde<>(registry, SpecificRecord.class);
    Produced<String, String> ocsf = Produced.with(keys, Serdes.String());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.REQUESTS.name(), Topics.REPLIES.name()),
            Consumed.with(keys, events).withName("siem-requests-and-replies"))
        .filter((key, event) -> event instanceof RequestIntercepted || event instanceof Verdict
                || (event instanceof MaskedChunk chunk && ResponseOutcome.settles(chunk)),
            Named.as("siem-requests-verdicts-and-responses"))
        .mapValues(SiemTopology::withoutPayload, Named.as("siem-drop-response-payloads"))
        .selectKey((key, event) -> EventHeaders.of(event).orElseThrow().getSessionId(), Named.as("siem-key-by-session"))
        .repartition(Repartitioned.with(keys, events).withName(TopologyNames.SIEM_REPARTITION))
        .process(join(events, clock, retention), Named.as("siem-pair-request-and-verdict"))
        .to(Topics.SIEM_OCSF, ocsf.withName("siem-ocsf-decisions"));
    builder.stream(Topics.APPROVALS.name(), Consumed.with(keys, events).withName("siem-approvals"))
        .flatMap((approvalId, event) -> approval(approvalId, event, clock), Named.as("siem-approval-events"))
        .to(Topics.SIEM_OCSF, ocsf.withName("siem-ocsf-approvals"));
    return builder.build();
  }

  // Only a response's head, flags and masking counts matter here: its data need not travel the repartition.
  private static SpecificRecord withoutPayload(SpecificRecord event) {
    if (event instanceof MaskedChunk chunk) {
      return MaskedChunk.newBuilder(chunk).setPayload(ByteBuffer.allocate(0)).build();
    }
    return event;
  }

  private static List<KeyValue<String, String>> approval(
      String approvalId, SpecificRecord event, Clock clock) {
    if (event == null) {
      return List.of();
    }
    try {
      Optional<OcsfEvent> ocsf = SiemProjection.ofApproval(event, clock.instant());
      String session = EventHeaders.of(event).map(EventHeader::getSessionId).orElse(approvalId);
      return ocsf.map(e -> List.of(KeyValue.pair(session, e.toJson()))).orElse(List.of());
    } catch (RuntimeException e) {
      log.warn("ocsf event skipped reason=mapping-failed approvalId={} error={}", approvalId, e.toString());
      return List.of();
    }
  }

  private static ProcessorSupplier<String, SpecificRecord, String, String> join(
      Serde<SpecificRecord> events, Clock clock, Duration retention) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, SpecificRecord, String, String> get() {
        return new SiemJoinProcessor(clock, TopologyNames.SIEM_PENDING_STORE, TopologyNames.SIEM_ALLOWED_STORE, retention);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.SIEM_PENDING_STORE), Serdes.String(), events),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.SIEM_ALLOWED_STORE), Serdes.String(), events));
      }
    };
  }
}
