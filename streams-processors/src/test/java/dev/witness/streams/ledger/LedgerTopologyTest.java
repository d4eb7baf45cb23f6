package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.proof.ChainVerification;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.masking.PassThroughMasker;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
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
    start(LedgerTopology.build(registry, 3, CLOCK));
  }

  private void start(Topology topology) {
    // The wall clock starts where the ledger's clock stands, so advancing it ages the recordedAt.
    driver = new TopologyTestDriver(topology, TestDrivers.props("ledger", stateDir), NOW);
    requests = TestDrivers.input(driver, registry, Topics.REQUESTS);
    replies = TestDrivers.input(driver, registry, Topics.REPLIES);
    approvals = TestDrivers.input(driver, registry, Topics.APPROVALS);
    ledger = TestDrivers.output(driver, registry, Topics.LEDGER);
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

    // Renaming any orphans the deployed repartition topic or a store's changelog.
    assertThat(driver.producedTopicNames()).contains(
        TopologyNames.ledgerRepartitionTopic("ledger"), TopologyNames.ledgerChainChangelogTopic("ledger"),
        TopologyNames.ledgerChainedIdsChangelogTopic("ledger"), TopologyNames.ledgerChainedExpiryChangelogTopic("ledger"));
    assertThat(TopologyNames.ledgerChainedIdsChangelogTopic("witness-ledger"))
        .isEqualTo("witness-ledger-ledger-chained-event-ids-changelog");
    assertThat(TopologyNames.ledgerChainedExpiryChangelogTopic("witness-ledger"))
        .isEqualTo("witness-ledger-ledger-chained-event-expiry-changelog");
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

  @Test
  void aRequestDeliveredTwiceIsChainedOnce() {
    start();
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    RequestIntercepted next = TestEvents.http("s-1", 2, "GET", "/customers", 0);

    requests.pipeInput("s-1", request);
    requests.pipeInput("s-1", request);
    requests.pipeInput("s-1", next);
    List<LedgerEntry> chain = ledger.readValuesToList();

    assertThat(chain).extracting(LedgerEntry::getEvent).containsExactly(request, next);
    assertThat(chain).extracting(LedgerEntry::getEntrySequence).containsExactly(0L, 1L);
    assertThat(LedgerChain.verify(chain)).isEqualTo(ChainVerification.intact(2));
    assertThat(duplicatesSkipped()).isEqualTo(1.0);
  }

  @Test
  void theSameVerdictBytesDeliveredTwiceAreChainedOnce() {
    start();
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    Verdict verdict = new VerdictFactory(PolicyConfig.defaults(), CLOCK).verdictFor(request);

    requests.pipeInput("s-1", request);
    replies.pipeInput("s-1", verdict);
    replies.pipeInput("s-1", verdict);
    List<LedgerEntry> chain = ledger.readValuesToList();

    assertThat(chain).extracting(LedgerEntry::getEvent).containsExactly(request, verdict);
    assertThat(LedgerChain.verify(chain)).isEqualTo(ChainVerification.intact(2));
  }

  @Test
  void aVerdictDecidedAgainAfterACrashIsChainedOnceAsFirstDecided() {
    start();
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    Verdict first = new VerdictFactory(PolicyConfig.defaults(), CLOCK).verdictFor(request);
    // The verdict topology runs at-least-once: the replay has the same derived id but a later time.
    Verdict again = new VerdictFactory(PolicyConfig.defaults(), Clock.offset(CLOCK, Duration.ofSeconds(3)))
        .verdictFor(request);

    replies.pipeInput("s-1", first);
    replies.pipeInput("s-1", again);

    assertThat(again).isNotEqualTo(first);
    assertThat(ledger.readValuesToList()).extracting(LedgerEntry::getEvent).containsExactly(first);
  }

  @Test
  void forgetsAChainedIdOnceTheRetentionHasPassedOnTheWallClock() {
    start(LedgerTopology.build(registry, 3, CLOCK, Duration.ofHours(1)));
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    KeyValueStore<String, ChainedEvent> chained = driver.getKeyValueStore(TopologyNames.LEDGER_CHAINED_IDS_STORE);
    requests.pipeInput("s-1", request);
    LedgerEntry entry = ledger.readValue();

    assertThat(chained.get(request.getHeader().getEventId()))
        .isEqualTo(new ChainedEvent(entry.getPartition(), 0, NOW));

    driver.advanceWallClockTime(Duration.ofMinutes(59));
    assertThat(chained.get(request.getHeader().getEventId())).isNotNull();

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(chained.get(request.getHeader().getEventId())).isNull();
    KeyValueStore<Bytes, byte[]> expiry = driver.getKeyValueStore(TopologyNames.LEDGER_CHAINED_EXPIRY_STORE);
    assertThat(expiry.approximateNumEntries()).isZero();
  }

  @Test
  void remembersChainedIdsForSevenDaysByDefault() {
    start();
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers", 0);
    KeyValueStore<String, ChainedEvent> chained = driver.getKeyValueStore(TopologyNames.LEDGER_CHAINED_IDS_STORE);
    requests.pipeInput("s-1", request);

    driver.advanceWallClockTime(Duration.ofDays(7).minusMinutes(1));
    requests.pipeInput("s-1", request);
    assertThat(ledger.readValuesToList()).hasSize(1);

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(chained.get(request.getHeader().getEventId())).isNull();
  }

  @Test
  void rejectsARetentionThatIsNotPositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LedgerTopology.build(registry, 3, CLOCK, Duration.ZERO))
        .withMessageContaining("duplicateRetention");
  }

  private double duplicatesSkipped() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("duplicate-skipped-total"))
        .filter(e -> e.getKey().group().equals("stream-witness-ledger-metrics"))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  private static List<KeyValue<Integer, ChainHead>> snapshot(KeyValueStore<Integer, ChainHead> store) {
    List<KeyValue<Integer, ChainHead>> all = new ArrayList<>();
    try (KeyValueIterator<Integer, ChainHead> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }
}
