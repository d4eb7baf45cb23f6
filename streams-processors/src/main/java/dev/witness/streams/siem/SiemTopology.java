package dev.witness.streams.siem;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.event.EventHeaders;
import java.time.Clock;
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
 * Projects Witness events onto {@code witness.siem.ocsf} as OCSF 1.5 JSON, keyed by session id: each
 * request paired with its verdict (Datastore, HTTP or API Activity with the decision as
 * action/disposition), agent logons (Authentication), and approval state changes (Entity
 * Management). Requests and verdicts are repartitioned by session id since verdicts sit on the
 * waiting proxy's reply partition. At-least-once; {@code metadata.uid} is the Witness event id, so a
 * re-delivered event carries the same uid.
 */
public final class SiemTopology {

  private static final Logger log = LoggerFactory.getLogger(SiemTopology.class);

  private SiemTopology() {}

  /**
   * The topology.
   *
   * @param registry schema registry of the event serdes
   * @param clock stamps {@code metadata.processed_time}
   */
  public static Topology build(SchemaRegistryClient registry, Clock clock) {
    Serde<String> keys = Serdes.String();
    Serde<SpecificRecord> events = new AvroEventSerde<>(registry, SpecificRecord.class);
    Produced<String, String> ocsf = Produced.with(keys, Serdes.String());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.REQUESTS.name(), Topics.REPLIES.name()),
            Consumed.with(keys, events).withName("siem-requests-and-replies"))
        .filter((key, event) -> event instanceof RequestIntercepted || event instanceof Verdict,
            Named.as("siem-requests-and-verdicts"))
        .selectKey((key, event) -> EventHeaders.of(event).orElseThrow().getSessionId(), Named.as("siem-key-by-session"))
        .repartition(Repartitioned.with(keys, events).withName(TopologyNames.SIEM_REPARTITION))
        .process(join(events, clock), Named.as("siem-pair-request-and-verdict"))
        .to(Topics.SIEM_OCSF, ocsf.withName("siem-ocsf-decisions"));
    builder.stream(Topics.APPROVALS.name(), Consumed.with(keys, events).withName("siem-approvals"))
        .flatMap((approvalId, event) -> approval(approvalId, event, clock), Named.as("siem-approval-events"))
        .to(Topics.SIEM_OCSF, ocsf.withName("siem-ocsf-approvals"));
    return builder.build();
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

  private static ProcessorSupplier<String, SpecificRecord, String, String> join(Serde<SpecificRecord> events, Clock clock) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, SpecificRecord, String, String> get() {
        return new SiemJoinProcessor(clock, TopologyNames.SIEM_PENDING_STORE);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TopologyNames.SIEM_PENDING_STORE), Serdes.String(), events));
      }
    };
  }
}
