package dev.witness.evidence.rebuild;

import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.store.StoreMigrations;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the evidence store and re-materializes it from Kafka: the ledger topic through the same
 * conversion and chain checks as live ingest, then the checkpoint topic through the same
 * verification. The store is a view of the ledger, so the API answers byte for byte as before.
 * Stop the evidence service first; the database (its current schema) must hold only Witness's
 * evidence tables, as every table and function in it is dropped.
 */
public final class EvidenceRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceRebuild.class);

  private EvidenceRebuild() {}

  /** Rebuilds from {@code witness.ledger} and {@code witness.checkpoints}. */
  public static RebuildResult run(DataSource dataSource, String bootstrap, Map<String, Object> consumerOverrides,
      SchemaRegistryClient registry, TrustedKeys trustedKeys, Consumer<RebuildProgress> progress) {
    return run(dataSource, bootstrap, consumerOverrides, registry, trustedKeys, Topics.LEDGER.name(),
        Topics.CHECKPOINTS.name(), progress);
  }

  /** Rebuilds from the named topics (tests use private ones). */
  public static RebuildResult run(DataSource dataSource, String bootstrap, Map<String, Object> consumerOverrides,
      SchemaRegistryClient registry, TrustedKeys trustedKeys, String ledgerTopic, String checkpointTopic,
      Consumer<RebuildProgress> progress) {
    long started = System.nanoTime();
    dropEverything(dataSource);
    StoreMigrations.migrate(dataSource);
    EvidenceStore store = EvidenceStore.on(dataSource);
    LedgerRecordConverter converter = new LedgerRecordConverter(registry);
    long[] ledger = new long[4];
    long[] total = {0};
    long phaseStart = System.nanoTime();
    TopicReader.readAll(bootstrap, consumerOverrides, ledgerTopic, records -> {
      List<NewEntry> entries = new ArrayList<>(records.count());
      for (ConsumerRecord<String, byte[]> r : records) {
        entries.add(converter.convert(r));
      }
      AppendResult result = store.append(entries);
      ledger[0] += records.count();
      ledger[1] += result.inserted();
      ledger[2] += result.duplicates();
      ledger[3] += result.chainBreaks().size();
      result.chainBreaks().forEach(b -> LOG.error("ledger chain broken partition={} sequence={} eventId={} "
          + "problem=\"{}\"", b.partition(), b.sequence(), b.eventId(), b.problem()));
      progress.accept(new RebuildProgress("ledger", ledger[0], total[0], rate(ledger[0], phaseStart)));
    }, n -> total[0] = n);

    CheckpointStore checkpoints = new CheckpointStore(store.jdbi(), trustedKeys);
    AvroEventDeserializer<Checkpoint> deserializer = new AvroEventDeserializer<>(registry, Checkpoint.class);
    long[] cps = new long[3];
    long checkpointStart = System.nanoTime();
    TopicReader.readAll(bootstrap, consumerOverrides, checkpointTopic, records -> {
      for (ConsumerRecord<String, byte[]> r : records) {
        cps[0]++;
        try {
          switch (checkpoints.record(deserializer.deserialize(r.topic(), r.value()))) {
            case STORED -> cps[1]++;
            case REJECTED -> cps[2]++;
            case DUPLICATE -> { }
          }
        } catch (SerializationException | NullPointerException e) {
          checkpoints.reject(null, null, "record " + r.topic() + "-" + r.partition() + "@" + r.offset()
              + " is not a checkpoint");
          cps[2]++;
        }
      }
      progress.accept(new RebuildProgress("checkpoints", cps[0], total[0], rate(cps[0], checkpointStart)));
    }, n -> total[0] = n);

    RebuildResult result = new RebuildResult(ledger[0], ledger[1], ledger[2], ledger[3], cps[1], cps[2],
        Duration.ofNanos(System.nanoTime() - started));
    LOG.info("evidence rebuilt ledgerRecords={} inserted={} duplicates={} chainBreaks={} checkpoints={} "
        + "rejected={} tookMs={}", result.ledgerRecords(), result.ledgerInserted(), result.duplicates(),
        result.chainBreaks(), result.checkpointsStored(), result.checkpointsRejected(), result.took().toMillis());
    return result;
  }

  /**
   * Drops every table, view and function of the current schema, Flyway's history included, so the
   * migrations run from scratch. Append-only triggers go with their tables.
   */
  static void dropEverything(DataSource dataSource) {
    Jdbi.create(dataSource).useTransaction(h -> h.execute("""
        DO $$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT viewname FROM pg_views WHERE schemaname = current_schema() LOOP
            EXECUTE 'DROP VIEW IF EXISTS ' || quote_ident(r.viewname) || ' CASCADE';
          END LOOP;
          FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
            EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE';
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
                   WHERE p.pronamespace = current_schema()::regnamespace LOOP
            EXECUTE 'DROP FUNCTION IF EXISTS ' || r.fn || ' CASCADE';
          END LOOP;
        END
        $$
        """));
    LOG.warn("evidence store dropped for rebuild");
  }

  private static double rate(long records, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }
}
