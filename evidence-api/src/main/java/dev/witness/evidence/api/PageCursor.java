package dev.witness.evidence.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque {@code next} tokens of keyset pagination: the sort key of the last item of a page,
 * base64url-encoded so clients pass it back untouched.
 */
final class PageCursor {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final String SEPARATOR = "|";

  private PageCursor() {}

  /** Position after a session in the newest-first session listing. */
  record SessionPosition(Instant startedAt, String sessionId) {}

  /** Position after an event in a session's causal order. */
  record EventPosition(long sessionSequence, int rank, int partition, long entrySequence) {

    /** Before every event. */
    static final EventPosition START = new EventPosition(Long.MIN_VALUE, -1, -1, -1);
  }

  /** Position after an event in the cross-session listing (event time, then ledger position). */
  record TimePosition(Instant eventTime, int partition, long entrySequence) {}

  static String encode(TimePosition p) {
    return encode("t", p.eventTime().getEpochSecond() + SEPARATOR + p.eventTime().getNano() + SEPARATOR
        + p.partition() + SEPARATOR + p.entrySequence());
  }

  static TimePosition time(String token) {
    String[] parts = decode("t", token, 4);
    try {
      return new TimePosition(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  static String encode(SessionPosition p) {
    return encode("s", p.startedAt().getEpochSecond() + SEPARATOR + p.startedAt().getNano() + SEPARATOR + p.sessionId());
  }

  static String encode(EventPosition p) {
    return encode("e", p.sessionSequence() + SEPARATOR + p.rank() + SEPARATOR + p.partition()
        + SEPARATOR + p.entrySequence());
  }

  static SessionPosition session(String token) {
    String[] parts = decode("s", token, 3);
    try {
      return new SessionPosition(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  static EventPosition event(String token) {
    String[] parts = decode("e", token, 4);
    try {
      return new EventPosition(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
          Long.parseLong(parts[3]));
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static String encode(String kind, String body) {
    return ENCODER.encodeToString((kind + SEPARATOR + body).getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String kind, String token, int fields) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = text.split("\\|", fields + 1);
    if (parts.length != fields + 1 || !parts[0].equals(kind)) {
      throw invalid();
    }
    String[] body = new String[fields];
    System.arraycopy(parts, 1, body, 0, fields);
    return body;
  }

  private static ApiProblem invalid() {
    return ApiProblem.badParameter("cursor", "not a 'next' token of this listing");
  }
}
