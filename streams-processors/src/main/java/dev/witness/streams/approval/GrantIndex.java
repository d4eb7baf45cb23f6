package dev.witness.streams.approval;

import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Granted approvals by agent and request hash (and time-boxed grants by agent, resource and rules), read from {@code witness.approvals} into a global
 * store so the verdict topology (keyed by session) can find a grant for any request. Kafka Streams
 * replays the topic through {@link Indexer} when it restores the store, so the index is rebuilt the
 * same way it was built.
 */
public final class GrantIndex implements GrantLookup {

  private static final Logger log = LoggerFactory.getLogger(GrantIndex.class);

  private final KeyValueStore<String, String> store;

  private GrantIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** The index over {@code store}, which {@link #storeBuilder} named {@code name}. */
  public static GrantIndex over(KeyValueStore<String, String> store) {
    return new GrantIndex(store);
  }

  /** The global store; global stores restore from their source topic, so it has no changelog. */
  public static StoreBuilder<KeyValueStore<String, String>> storeBuilder(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
        .withLoggingDisabled();
  }

  @Override
  public Optional<Grant> forRequest(String agentId, String requestHash, long nowMicros) {
    return valid(store.get(Grant.key(agentId, requestHash)), nowMicros);
  }

  @Override
  public Optional<Grant> forRules(String agentId, String resource, List<String> rules, long nowMicros) {
    return valid(store.get(Grant.ruleKey(agentId, resource, rules)), nowMicros);
  }

  private static Optional<Grant> valid(String value, long nowMicros) {
    if (value == null) {
      return Optional.empty();
    }
    Grant grant = Grant.decode(value);
    return nowMicros < grant.expiresAtMicros() ? Optional.of(grant) : Optional.empty();
  }

  /** The processor that keeps the global store: one entry per APPROVED decision with a grant window. */
  public static final class Indexer implements Processor<String, SpecificRecord, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, String> store;

    public Indexer(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
      if (!(record.value() instanceof ApprovalDecided decided)
          || decided.getOutcome() != ApprovalOutcome.APPROVED
          || decided.getRequestHash() == null
          || !decided.getGrantExpiresAt().isAfter(Instant.EPOCH)) {
        return;
      }
      String agentId = decided.getHeader().getAgent().getId();
      String key = GrantScope.of(decided.getGrantScope()) == GrantScope.RULE && !decided.getRules().isEmpty()
          ? Grant.ruleKey(agentId, decided.getHeader().getResource(), decided.getRules())
          : Grant.key(agentId, decided.getRequestHash());
      Grant grant = new Grant(decided.getApprovalId(), ApprovalEvents.micros(decided.getGrantExpiresAt()));
      String existing = store.get(key);
      // Of two grants for the same request the longer one holds, whatever order they arrive in.
      if (existing == null || Grant.decode(existing).expiresAtMicros() < grant.expiresAtMicros()) {
        store.put(key, grant.encode());
        log.debug("grant indexed approvalId={} agent={} scope={} expiresAt={}",
            grant.approvalId(), agentId, decided.getGrantScope(), decided.getGrantExpiresAt());
      }
    }
  }
}
