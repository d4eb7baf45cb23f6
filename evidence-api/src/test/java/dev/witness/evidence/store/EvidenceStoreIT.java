package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvidenceStoreIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

  private static EvidenceStore store;
  private static Jdbi jdbi;
  private static List<NewEntry> firstBatch;

  /**
   * Three sessions: s-a (agent-1, http:demo, request denied, starts T0), s-b (agent-2,
   * postgres:demo, starts T0+60s), s-c (agent-1, http:demo, auth failure, starts T0+120s).
   */
  @BeforeAll
  static void fill() {
    DataSource dataSource = TestDatabases.migrated("store_it");
    store = EvidenceStore.on(dataSource);
    jdbi = Jdbi.create(dataSource);
    LedgerChain p0 = new LedgerChain(0);
    LedgerChain p1 = new LedgerChain(1);
    Events a = new Events("s-a", "agent-1", "http:demo", Protocol.HTTP);
    Events b = new Events("s-b", "agent-2", "postgres:demo", Protocol.SQL);
    Events c = new Events("s-c", "agent-1", "http:demo", Protocol.HTTP);
    List<LedgerEntry> entries = new ArrayList<>();
    entries.add(p0.append(a.httpRequest("ra", T0, "x".getBytes(StandardCharsets.UTF_8), false), T0));
    entries.add(p0.append(a.verdict("ra", T0.plusSeconds(1), Decision.DENY), T0));
    entries.add(p1.append(b.sqlRequest("rb", T0.plusSeconds(60), "SELECT 1"), T0));
    entries.add(p1.append(b.verdict("rb", T0.plusSeconds(61), Decision.ALLOW), T0));
    entries.add(p1.append(b.sqlChunk("rb", T0.plusSeconds(62)), T0));
    entries.add(p0.append(c.httpRequest("rc", T0.plusSeconds(120), null, true), T0));
    firstBatch = entries.stream().map(LedgerRecords::newEntry).toList();
    assertThat(store.append(firstBatch)).isEqualTo(new AppendResult(6, 0));
  }

  @Test
  void sessionsCountTheirEvents() {
    SessionRow a = store.sessions().find("s-a").orElseThrow();
    assertThat(a.agentId()).isEqualTo("agent-1");
    assertThat(a.issuer()).isEqualTo("witness");
    assertThat(a.delegatingHuman()).isEqualTo("alice@example.com");
    assertThat(a.purpose()).isEqualTo("TICKET-42");
    assertThat(a.resource()).isEqualTo("http:demo");
    assertThat(a.protocol()).isEqualTo("HTTP");
    assertThat(a.startedAt()).isEqualTo(T0);
    assertThat(a.lastEventAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(a.eventCount()).isEqualTo(2);
    assertThat(a.requestCount()).isEqualTo(1);
    assertThat(a.deniedCount()).isEqualTo(1);
    assertThat(a.authFailures()).isZero();

    SessionRow b = store.sessions().find("s-b").orElseThrow();
    assertThat(b.eventCount()).isEqualTo(3);
    assertThat(b.deniedCount()).isZero();
    assertThat(store.sessions().find("s-c").orElseThrow().authFailures()).isEqualTo(1);
    assertThat(store.sessions().find("nope")).isEmpty();
  }

  @Test
  void reappendingTheSameBatchChangesNothing() {
    assertThat(store.append(firstBatch)).isEqualTo(new AppendResult(0, 6));
    assertThat(store.ledger().count()).isEqualTo(6);
    assertThat(store.sessions().find("s-b").orElseThrow().eventCount()).isEqualTo(3);
  }

  @Test
  void duplicatesWithinOneBatchAreStoredAndCountedOnce() {
    Events d = new Events("s-d", "agent-3", "http:demo", Protocol.HTTP);
    NewEntry entry = LedgerRecords.newEntry(new LedgerChain(7).append(d.verdict("rd", T0, Decision.DENY), T0));
    EvidenceStore own = EvidenceStore.on(TestDatabases.migrated("store_dup_it"));
    assertThat(own.append(List.of(entry, entry))).isEqualTo(new AppendResult(1, 1));
    SessionRow row = own.sessions().find("s-d").orElseThrow();
    assertThat(row.eventCount()).isEqualTo(1);
    assertThat(row.deniedCount()).isEqualTo(1);
  }

  @Test
  void anEventChainedTwiceIsStoredOnceAndReported() {
    Events e = new Events("s-e", "agent-3", "http:demo", Protocol.HTTP);
    var verdict = e.verdict("re", T0, Decision.ALLOW);
    LedgerChain chain = new LedgerChain(8);
    NewEntry first = LedgerRecords.newEntry(chain.append(verdict, T0));
    NewEntry again = LedgerRecords.newEntry(chain.append(verdict, T0));
    EvidenceStore own = EvidenceStore.on(TestDatabases.migrated("store_rechain_it"));
    assertThat(own.append(List.of(first))).isEqualTo(new AppendResult(1, 0, 0));
    assertThat(own.append(List.of(first, again))).isEqualTo(new AppendResult(0, 2, 1));
    assertThat(own.ledger().positions(List.of(first.row().eventId())))
        .containsExactly(new StoredPosition(first.row().eventId(), 8, 0));
  }

  @Test
  void storedColumnsMatchTheEntry() {
    NewEntry first = firstBatch.get(0);
    var stored = jdbi.withHandle(h -> h.createQuery("""
        SELECT event_type, event_time, request_id, event_avro, hash, previous_hash, ledger_schema_id,
               event_json->>'eventId' AS json_event_id, event_json#>>'{request,body}' AS body
        FROM ledger_entries WHERE event_id = :id""").bind("id", first.row().eventId()).mapToMap().one());
    assertThat(stored.get("event_type")).isEqualTo("request");
    assertThat(stored.get("request_id")).isEqualTo("ra");
    assertThat((byte[]) stored.get("event_avro")).isEqualTo(first.row().eventAvro());
    assertThat((byte[]) stored.get("hash")).isEqualTo(first.row().hash());
    assertThat((byte[]) stored.get("previous_hash")).hasSize(32);
    assertThat(stored.get("ledger_schema_id")).isEqualTo(first.row().ledgerSchemaId());
    assertThat(stored.get("json_event_id")).isEqualTo(first.row().eventId());
    assertThat(stored.get("body")).isEqualTo("x");
  }

  @Test
  void theStoredChainVerifiesInSql() {
    // every link's hash covers exactly the stored bytes, and every link points at its predecessor
    Boolean intact = jdbi.withHandle(h -> h.createQuery("""
        SELECT bool_and(ok) FROM (
          SELECT hash = sha256(previous_hash || convert_to(event_schema, 'UTF8') || '\\x00'::bytea || event_avro)
                 AND previous_hash = coalesce(lag(hash) OVER w, decode(repeat('00', 32), 'hex')) AS ok
          FROM ledger_entries
          WINDOW w AS (PARTITION BY ledger_partition ORDER BY entry_sequence)) links
        """).mapTo(Boolean.class).one());
    assertThat(intact).isTrue();
  }

  @Test
  void aVerdictChainedBeforeItsRequestIsStillListedAfterIt() {
    // The request and its verdict reach the ledger through different topics, so the chain may
    // hold them in either order; both carry the proxy's session sequence.
    Events d = new Events("s-d", "agent-3", "http:demo", Protocol.HTTP);
    RequestIntercepted request = d.httpRequest("rd", T0.plusSeconds(200), null, false);
    Verdict verdict = d.verdict("rd", T0.plusSeconds(201), Decision.ALLOW);
    verdict.getHeader().setSequence(request.getHeader().getSequence());
    LedgerChain p2 = new LedgerChain(2);
    List<LedgerEntry> entries = List.of(p2.append(verdict, T0), p2.append(request, T0));
    // A database of its own, so the listings the other tests check stay as they are.
    EvidenceStore own = EvidenceStore.on(TestDatabases.migrated("store_order_it"));
    own.append(entries.stream().map(LedgerRecords::newEntry).toList());

    List<StoredEvent> listed = own.ledger().sessionEvents("s-d", Long.MIN_VALUE, -1, -1, -1, 10);
    assertThat(listed).extracting(StoredEvent::entrySequence).containsExactly(1L, 0L);
    assertThat(listed.get(0).eventJson()).contains("\"type\": \"request\"");
    assertThat(listed.get(1).eventJson()).contains("\"type\": \"verdict\"");
  }

  @Test
  void sessionEventsComeInCausalOrderAfterTheCursor() {
    List<StoredEvent> all = store.ledger().sessionEvents("s-b", Long.MIN_VALUE, -1, -1, -1, 10);
    assertThat(all).extracting(StoredEvent::entrySequence).containsExactly(0L, 1L, 2L);
    assertThat(all).allMatch(e -> e.ledgerPartition() == 1);
    assertThat(all.get(0).eventJson()).contains("\"type\": \"request\"");
    StoredEvent first = all.get(0);
    assertThat(store.ledger().sessionEvents("s-b", first.sessionSequence(), first.eventRank(), first.ledgerPartition(),
        first.entrySequence(), 10)).extracting(StoredEvent::entrySequence).containsExactly(1L, 2L);
    assertThat(store.ledger().sessionEvents("s-b", Long.MIN_VALUE, -1, -1, -1, 2)).hasSize(2);
  }

  @Test
  void listingIsNewestFirstAndFilters() {
    assertThat(ids(new SessionQuery(null, null, null, null, null, null, 10))).containsExactly("s-c", "s-b", "s-a");
    assertThat(ids(new SessionQuery("agent-1", null, null, null, null, null, 10))).containsExactly("s-c", "s-a");
    assertThat(ids(new SessionQuery(null, "postgres:demo", null, null, null, null, 10))).containsExactly("s-b");
    // active in the window [T0+30s, T0+90s): only s-b
    assertThat(ids(new SessionQuery(null, null, T0.plusSeconds(30), T0.plusSeconds(90), null, null, 10)))
        .containsExactly("s-b");
    assertThat(ids(new SessionQuery(null, null, T0.plusSeconds(1), null, null, null, 10)))
        .containsExactly("s-c", "s-b", "s-a");
    assertThat(ids(new SessionQuery(null, null, null, T0, null, null, 10))).isEmpty();
  }

  @Test
  void listingPagesByKeyset() {
    assertThat(ids(new SessionQuery(null, null, null, null, null, null, 2))).containsExactly("s-c", "s-b");
    SessionRow b = store.sessions().find("s-b").orElseThrow();
    assertThat(ids(new SessionQuery(null, null, null, null, b.startedAt(), b.sessionId(), 2))).containsExactly("s-a");
  }

  @Test
  void aCursorNeedsBothHalves() {
    assertThatThrownBy(() -> new SessionQuery(null, null, null, null, T0, null, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> ids(SessionQuery query) {
    return store.sessions().list(query).stream().map(SessionRow::sessionId).toList();
  }
}
