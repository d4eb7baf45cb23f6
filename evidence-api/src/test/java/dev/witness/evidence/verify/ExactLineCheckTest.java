package dev.witness.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The verifier's fast path accepts the exporter's exact lines of every event type and hands
 * every other line to the full check.
 */
class ExactLineCheckTest {

  private static final Instant AT = Instant.parse("2025-03-01T10:00:00.123456Z");

  private final ExactLineCheck check = new ExactLineCheck(new EventRederivation());

  @Test
  void acceptsTheExportersLinesOfEveryEventType() {
    for (String line : lines()) {
      EventLine accepted = check.accept(line);
      assertThat(accepted).as(line).isNotNull();
      EventLine full = EventLine.parse(line);
      assertThat(accepted.eventId()).isEqualTo(full.eventId());
      assertThat(accepted.sequence()).isEqualTo(full.sequence());
      assertThat(accepted.hash()).isEqualTo(full.hash());
      assertThat(accepted.recordedAt()).isEqualTo(full.recordedAt());
      assertThat(new EventRederivation().difference(full)).isNull();
    }
  }

  @Test
  void handsEveryAlteredLineToTheFullCheck() {
    String line = lines().get(0);
    assertThat(check.accept(line.replace("TICKET-42", "TICKET-43"))).isNull();
    assertThat(check.accept(line.replace("\"purpose\":", "\"purpose\" :"))).isNull();
    assertThat(check.accept(line.replace("\"sequence\":0", "\"sequence\":0,\"sequence\":0"))).isNull();
    assertThat(check.accept(line.substring(0, line.length() - 1) + ",\"event\":{}}")).isNull();
    assertThat(check.accept(line.substring(0, line.length() - 1) + ",\"extra\":1}")).isNull();
    assertThat(check.accept(line.replace("\"sequence\":0", "\"sequence\": 0"))).isNull();
    assertThat(check.accept(line.replace("\"partition\":3", "\"partition\":03"))).isNull();
    assertThat(check.accept(line.replace("\"partition\":3", "\"partition\":\"3\""))).isNull();
    assertThat(check.accept(line + " ")).isNull();
    int hash = line.indexOf("\"hash\":\"") + 8;
    char c = line.charAt(hash);
    assertThat(check.accept(line.substring(0, hash) + (c == '0' ? '1' : '0') + line.substring(hash + 1))).isNull();
    int avro = line.indexOf("\"eventAvro\":\"") + 13;
    char a = line.charAt(avro);
    assertThat(check.accept(line.substring(0, avro) + (a == 'A' ? 'B' : 'A') + line.substring(avro + 1))).isNull();
  }

  @Property(tries = 300)
  void readsInstantsLikeInstantParse(@ForAll @LongRange(min = -62_000_000_000L, max = 250_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    assertThat(ExactLineCheck.instant(t.toString())).isEqualTo(t);
  }

  @Test
  void leavesOtherInstantFormsToInstantParse() {
    for (String s : List.of("2025-03-01T24:00:00Z", "2025-03-01t10:00:00z", "2025-03-01T10:00:00.Z",
        "2025-02-29T10:00:00Z", "2024-02-29T10:00:00.5Z", "2025-03-01T10:00:00+01:00", "+12025-03-01T10:00:00Z")) {
      Object expected;
      Object actual;
      try {
        expected = Instant.parse(s);
      } catch (RuntimeException e) {
        expected = e.getClass();
      }
      try {
        actual = ExactLineCheck.instant(s);
      } catch (RuntimeException e) {
        actual = e.getClass();
      }
      assertThat(actual).as(s).isEqualTo(expected);
    }
  }

  /** One line per event type, as the exporter writes them (document from the stored JSON text). */
  private static List<String> lines() {
    Events http = new Events("s-1", "agent-1", "http:demo", Protocol.HTTP);
    Events sql = new Events("s-2", "agent-2", "postgres:demo", Protocol.SQL);
    List<SpecificRecord> events = List.of(
        http.httpRequest("r1", AT, "{\"q\":\"smith\"}".getBytes(StandardCharsets.UTF_8), false),
        http.httpRequest("r2", AT, null, true),
        http.verdict("r1", AT, Decision.ALLOW),
        http.verdict("r2", AT, Decision.DENY),
        http.httpChunk("r1", AT, 0, true, "{\"email\":\"[email]\",\"n\":\"\u00e9\u0001\"}".getBytes(StandardCharsets.UTF_8)),
        sql.sqlRequest("r3", AT, "SELECT * FROM customers WHERE id = $1"),
        sql.sqlChunk("r3", AT),
        sql.approvalRequested("r3", "a1", AT),
        sql.approvalDecided("a1", AT),
        sql.approvalExpired("a1", AT));
    LedgerChain chain = new LedgerChain(3);
    return events.stream().map(e -> {
      LedgerEntry entry = chain.append(e, AT.plusMillis(7));
      String stored = DocumentJson.write(EventDocument.of(entry));
      String canonical = CanonicalJson.write(CanonicalJson.read(stored));
      assertThat(ExactLineCheck.canonicalDocument(entry)).isEqualTo(canonical);
      return new EventLine(entry.getPartition(), entry.getEntrySequence(), EventDocument.headerOf(e).getEventId(),
          bytes(entry.getPreviousHash()), bytes(entry.getHash()), entry.getRecordedAt(), e.getSchema().getFullName(),
          LedgerChain.avro(e), CanonicalJson.read(stored)).toJson();
    }).toList();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
