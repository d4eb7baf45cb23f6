package dev.witness.evidence.document;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Text forms of timestamps and hashes shared by every document. */
public final class Formats {

  // Fixed six fraction digits: events are stamped in micros and fixed width keeps strings sortable.
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** ISO-8601 in UTC with microseconds, e.g. {@code 2025-01-31T12:00:00.123456Z}; null stays null. */
  public static String timestamp(Instant instant) {
    return instant == null ? null : MICROS.format(instant);
  }

  /** Lower-case hex of the buffer's remaining bytes, leaving the buffer untouched. */
  public static String hex(ByteBuffer buffer) {
    return buffer == null ? null : HexFormat.of().formatHex(bytes(buffer));
  }

  /** A copy of the buffer's remaining bytes, leaving the buffer untouched. */
  public static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }
}
