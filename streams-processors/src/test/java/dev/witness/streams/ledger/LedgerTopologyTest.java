package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.masking.PassThroughMasker;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path stateDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RequestIntercepted> requests;
  private TestInputTopic<String, SpecificRecord> replies;
  private TestInputTopic<String, SpecificRecord> approvals;
  private TestOutputTopic<String, LedgerEntry> ledger;

  private void start() {
    driver = new TopologyTestDriver(LedgerTopology.build(registry, 3, CLOCK), TestDrivers.props("ledger", stateDir));
    requests = driver.createInputTopic(Topics.REQUESTS.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, Topics.REQUESTS).serializer());
    replies = driver.createInputTopic(Topics.REPLIES.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, Topics.REPLIES).serializer());
    approvals = driver.createInputTopic(Topics.APPROVALS.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, Topics.APPROVALS).serializer());
    ledger = driver.createOutputTopic(Topics.LEDGER.name(), Serdes.String().deserializer(),
        AvroEventSerde.forTopic(registry, Topics.LEDGER).deserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void internalTopicNamesAreStable() {
    start();
    requests.pipeInput("s-1", TestEvents.http("s-1", 1, "GET", "/", 0));

    // Renaming either orphans the deployed repartition topic or the chain heads' changelog.
    assertThat(driver.producedTopicNames()).contains(
        TopologyNames.ledgerRepartitionTopic("ledger"), TopologyNames.ledgerChainChangelogTopic("ledger"));
  }

  @Test
  void chainsARequestItsVerdictAndItsMaskedChunkInOrder() {
    start();
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    Verdict verdict = new VerdictFactory(PolicyConfig.defaults(), CLOCK).verdictFor(request);
    MaskedChunk masked = new PassThroughMasker(CLOCK).mask(TestEvents.chunk(request, 2, 0, true, "[]"));

    requests.pipeInput("s-1", request);
    replies.pipeInput("s-1", verdict);
    replies.pipeInput("s-1", masked);
    List<KeyValue<String, LedgerEntry>> entries = ledger.readKeyValuesToList();

    assertThat(entries).extracting(kv -> kv.key).containsOnly("s-1");
    List<LedgerEntry> chain = entries.stream().map(kv -> kv.value).toList();
    assertThat(chain).extracting(LedgerEntry::getEvent).containsExactly(request, verdict, masked);
    assertThat(chain).extracting(LedgerEntry::getEntrySequence).containsExactly(0L, 1L, 2L);
    assertThat(chain).extracting(LedgerEntry::getRecordedAt).containsOnly(NOW);
    assertThat(LedgerChain.verify(chain).valid()).isTrue();
  }

  @Test
  void chainsAuthenticationFailuresAndApprovalEventsToo() {
    start();

    requests.pipeInput("s-1", TestEvents.http("s-1", 1, "GET", "/", 0, AuthenticationOutcome.FAILED));
    approvals.pipeInput("approval-7", TestEvents.approvalExpired("s-1", 2, "approval-7"));
    List<KeyValue<String, LedgerEntry>> entries = ledger.readKeyValuesToList();

    assertThat(entries).hasSize(2);
    // Approval events are keyed by approval id; the ledger re-keys them by session.
    assertThat(entries).extracting(kv -> kv.key).containsOnly("s-1");
    assertThat(LedgerChain.verify(entries.stream().map(kv -> kv.value).toList()).valid()).isTrue();
  }

  @Test
  void keepsOneGapFreeVerifiableChainPerPartitionAcrossManySessions() {
    start();
    List<SpecificRecord> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      RequestIntercepted request = TestEvents.http("s-" + (i % 7), i, "GET", "/customers/" + i, 0);
      requests.pipeInput(request.getHeader().getSessionId(), request);
      sent.add(request);
      if (i % 3 == 0) {
        Verdict verdict = new VerdictFactory(PolicyConfig.defaults(), CLOCK).verdictFor(request);
        replies.pipeInput(request.getHeader().getSessionId(), verdict);
        sent.add(verdict);
      }
    }

    List<LedgerEntry> chain = ledger.readValuesToList();

    assertThat(chain).extracting(LedgerEntry::getEvent).containsExactlyElementsOf(sent);
    assertThat(chain).extracting(LedgerEntry::getPartition).containsOnly(chain.get(0).getPartition());
    assertThat(chain.get(0).getPreviousHash().remaining()).isEqualTo(32);
    assertThat(chain.get(0).getPreviousHash().duplicate().get()).isZero();
    assertThat(LedgerChain.verify(chain)).isEqualTo(ChainVerification.intact(sent.size()));
  }

  @Test
  void aRestartedInstanceContinuesTheChainFromItsRestoredState() {
    start();
    for (int i = 0; i < 5; i++) {
      requests.pipeInput("s-1", TestEvents.http("s-1", i, "GET", "/a", 0));
    }
    List<LedgerEntry> before = ledger.readValuesToList();
    List<KeyValue<Integer, ChainHead>> state = snapshot(driver.getKeyValueStore(TopologyNames.LEDGER_CHAIN_STORE));
    driver.close();

    // The driver wipes its state directory on close and cannot replay a changelog, so restore what
    // the changelog holds into the new instance's store; TopologiesIT restarts real Streams.
    start();
    KeyValueStore<Integer, ChainHead> restored = driver.getKeyValueStore(TopologyNames.LEDGER_CHAIN_STORE);
    state.forEach(kv -> restored.put(kv.key, kv.value));
    for (int i = 5; i < 8; i++) {
      requests.pipeInput("s-1", TestEvents.http("s-1", i, "GET", "/a", 0));
    }
    List<LedgerEntry> after = ledger.readValuesToList();

    List<LedgerEntry> chain = new ArrayList<>(before);
    chain.addAll(after);
    assertThat(after).extracting(LedgerEntry::getEntrySequence).containsExactly(5L, 6L, 7L);
    assertThat(LedgerChain.verify(chain).valid()).isTrue();
  }

  private static List<KeyValue<Integer, ChainHead>> snapshot(KeyValueStore<Integer, ChainHead> store) {
    List<KeyValue<Integer, ChainHead>> all = new ArrayList<>();
    try (KeyValueIterator<Integer, ChainHead> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
