package dev.witness.evidence.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes ledger rows in PostgreSQL's binary {@code COPY} format for the staging table of
 * {@link LedgerBatchInsert}: fixed-width integers and timestamps, raw bytea and UTF-8 text, no
 * escaping or hex, so neither side spends time quoting the event bytes and documents.
 */
final class LedgerCopyStream {

  /** Columns of {@code ledger_entries} the ingestor writes, in the order {@link #encode} writes them. */
  static final String TABLE_COLUMNS = "ledger_partition, entry_sequence, event_id, session_id, event_type, event_time, "
      + "recorded_at, agent_id, purpose, resource, protocol, request_id, previous_hash, hash, ledger_schema_id, "
      + "event_schema, event_avro, event_json";

  /** Columns of the staging table: a row number, then {@link #TABLE_COLUMNS}. */
  static final String COLUMNS = "n, " + TABLE_COLUMNS;

  private static final int FIELDS = 19;
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  // PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z
  private static final long POSTGRES_EPOCH_SECONDS = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
  private static final byte JSONB_VERSION = 1;

  private byte[] buf;
  private int count;

  private LedgerCopyStream(int sizeHint) {
    this.buf = new byte[sizeHint];
  }

  /** The whole binary COPY payload for the staging table (one tuple per row numbered from 0). */
  static byte[] encode(List<LedgerRow> rows) {
    return encode(rows, true);
  }

  /** The whole binary COPY payload (header, one tuple per row, trailer), numbered or not. */
  static byte[] encode(List<LedgerRow> rows, boolean numbered) {
    int hint = 64;
    for (LedgerRow r : rows) {
      hint += 320 + r.eventAvro().length + r.eventJson().length() * 2;
    }
    LedgerCopyStream s = new LedgerCopyStream(hint);
    s.write(SIGNATURE, 0, SIGNATURE.length);
    s.int32(0); // flags: no OIDs
    s.int32(0); // header extension length
    for (int i = 0; i < rows.size(); i++) {
      s.tuple(numbered ? i : -1, rows.get(i));
    }
    s.int16(-1);
    return s.count == s.buf.length ? s.buf : Arrays.copyOf(s.buf, s.count);
  }

  private void tuple(int n, LedgerRow r) {
    int16(n >= 0 ? FIELDS : FIELDS - 1);
    if (n >= 0) {
      int4Field(n);
    }
    int4Field(r.ledgerPartition());
    int8Field(r.entrySequence());
    text(r.eventId());
    text(r.sessionId());
    text(r.eventType());
    timestamp(r.eventTime());
    timestamp(r.recordedAt());
    text(r.agentId());
    text(r.purpose());
    text(r.resource());
    text(r.protocol());
    text(r.requestId());
    bytes(r.previousHash());
    bytes(r.hash());
    int4Field(r.ledgerSchemaId());
    text(r.eventSchema());
    bytes(r.eventAvro());
    jsonb(r.eventJson());
  }

  private void int4Field(int value) {
    int32(4);
    int32(value);
  }

  private void int8Field(long value) {
    int32(8);
    int64(value);
  }

  private void timestamp(Instant t) {
    int32(8);
    int64(Math.addExact(Math.multiplyExact(t.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
        t.getNano() / 1_000));
  }

  private void text(String value) {
    if (value == null) {
      int32(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length);
    write(utf8, 0, utf8.length);
  }

  private void bytes(byte[] value) {
    if (value == null) {
      int32(-1);
      return;
    }
    int32(value.length);
    write(value, 0, value.length);
  }

  private void jsonb(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length + 1);
    write(JSONB_VERSION);
    write(utf8, 0, utf8.length);
  }

  private void int16(int v) {
    write(v >>> 8);
    write(v);
  }

  private void int32(int v) {
    write(v >>> 24);
    write(v >>> 16);
    write(v >>> 8);
    write(v);
  }

  private void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  private void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  private void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }
}
