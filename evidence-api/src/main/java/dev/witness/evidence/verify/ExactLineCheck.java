package dev.witness.evidence.verify;

import dev.witness.evidence.bundle.CanonicalDocument;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.chain.EntryHash;
import dev.witness.evidence.document.EventDocument;
import dev.witness.schemas.event.LedgerEntry;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fast path of a bundle line's own checks: accepts a line only when it is exactly what the
 * exporter writes for its bytes, that is {@code {"event":D,...}} where D is, character for
 * character, the canonical text ({@link CanonicalDocument}) of the document re-derived from the line's Avro bytes and the
 * line's hash is the hash of those bytes. Anything else (a tampered, reformatted or unusual line)
 * gets {@code null}, and the verifier runs the full parse and field-by-field comparison, which
 * alone decides and words the finding. So this never accepts a line the full check would refuse:
 * D parses to the tree the full check compares against, and the other fields are read with the
 * same rules; it only skips building and walking two JSON trees per line.
 */
final class ExactLineCheck {

  private static final String PREFIX = "{\"event\":";
  private static final String AFTER_EVENT = "},\"eventAvro\":\"";
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_LENGTH = 4_000_000;

  private final EventRederivation rederivation;

  ExactLineCheck(EventRederivation rederivation) {
    this.rederivation = rederivation;
  }

  /** The line's position and hashes if it is exact and intact; null if the full check must decide. */
  EventLine accept(String text) {
    // below the JSON parser's longest string (20,000,000 chars), so no value here is one it refuses
    if (text.length() > MAX_LENGTH || !text.startsWith(PREFIX)) {
      return null;
    }
    int end = text.indexOf(AFTER_EVENT, PREFIX.length());
    if (end < 0) {
      return null;
    }
    Fields f = new Tail(text, end + 2).fields();
    if (f == null) {
      return null;
    }
    if (!Arrays.equals(f.hash, EntryHash.of(f.previousHash, f.eventSchema, f.eventAvro))) {
      return null;
    }
    SpecificRecord event = rederivation.decode(f.eventSchema, f.eventAvro);
    if (event == null) {
      return null;
    }
    LedgerEntry entry = new LedgerEntry(f.partition, f.sequence, ByteBuffer.wrap(f.previousHash),
        ByteBuffer.wrap(f.hash), f.recordedAt, event);
    String document = canonicalDocument(entry);
    if (document == null) {
      return null;
    }
    int length = end + 1 - PREFIX.length();
    if (document.length() != length || !text.regionMatches(PREFIX.length(), document, 0, length)) {
      return null;
    }
    return new EventLine(f.partition, f.sequence, f.eventId, f.previousHash, f.hash, f.recordedAt, f.eventSchema,
        f.eventAvro, null);
  }

  /** The canonical text of the entry's document, as the exporter writes it; null if it cannot be written. */
  static String canonicalDocument(LedgerEntry entry) {
    try {
      return CanonicalDocument.write(EventDocument.of(entry));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the fields after {@code event} in exactly the exporter's form: members in name order,
   * no whitespace, plain integers, strings without escapes or control characters, then the end of
   * the line. What it accepts, a JSON parser reads to the same values; anything else gives null.
   */
  private static final class Tail {

    private final String text;
    private int at;

    Tail(String text, int at) {
      this.text = text;
      this.at = at;
    }

    Fields fields() {
      try {
        Fields f = new Fields();
        f.eventAvro = name("\"eventAvro\":") ? Base64.getDecoder().decode(string()) : null;
        f.eventId = name(",\"eventId\":") ? string() : null;
        f.eventSchema = name(",\"eventSchema\":") ? string() : null;
        f.hash = name(",\"hash\":") ? HEX.parseHex(string()) : null;
        Long partition = name(",\"partition\":") ? integer() : null;
        f.previousHash = name(",\"previousHash\":") ? HEX.parseHex(string()) : null;
        f.recordedAt = name(",\"recordedAt\":") ? instant(string()) : null;
        Long sequence = name(",\"sequence\":") ? integer() : null;
        if (partition == null || sequence == null || f.eventAvro == null || f.eventId == null || f.eventSchema == null
            || f.hash == null || f.previousHash == null || f.recordedAt == null || !name("}") || at != text.length()) {
          return null;
        }
        f.partition = (int) partition.longValue();
        f.sequence = sequence;
        return f;
      } catch (RuntimeException e) {
        return null;
      }
    }

    private boolean name(String expected) {
      if (!text.startsWith(expected, at)) {
        return false;
      }
      at += expected.length();
      return true;
    }

    /** A string without escapes or control characters; null otherwise. */
    private String string() {
      if (at >= text.length() || text.charAt(at) != '"') {
        return null;
      }
      int close = text.indexOf('"', at + 1);
      if (close < 0) {
        return null;
      }
      for (int i = at + 1; i < close; i++) {
        char c = text.charAt(i);
        if (c == '\\' || c < 0x20) {
          return null;
        }
      }
      String value = text.substring(at + 1, close);
      at = close + 1;
      return value;
    }

    /** An integer of at most 18 digits, no leading zero; null otherwise. */
    private Long integer() {
      int from = at;
      if (at < text.length() && text.charAt(at) == '-') {
        at++;
      }
      int digits = at;
      while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        at++;
      }
      int n = at - digits;
      if (n == 0 || n > 18 || (n > 1 && text.charAt(digits) == '0')) {
        return null;
      }
      return Long.parseLong(text, from, at, 10);
    }
  }

  /**
   * {@link Instant#parse} for the exporter's form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, without the
   * general formatter; any other form goes to {@link Instant#parse} itself, so the result is the same.
   */
  static Instant instant(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && (s.charAt(19) != '.' || n == 21))) {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return Instant.parse(s);
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return Instant.parse(s);
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      // hour 24 and leap seconds are ISO forms LocalDateTime refuses: the general parser decides
      return Instant.parse(s);
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static final class Fields {
    int partition;
    long sequence;
    String eventId;
    byte[] previousHash;
    byte[] hash;
    Instant recordedAt;
    String eventSchema;
    byte[] eventAvro;
  }
}
