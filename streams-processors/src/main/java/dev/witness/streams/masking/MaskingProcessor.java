package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.streams.masking.content.JsonValueBoundary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masks each raw chunk with {@link ContentMasker}, keeping a SQL result's columns (only on its first
 * chunk) in a store keyed by request id until its last chunk, and the bytes of a JSON response cut
 * into several chunks until its last one, which gets the whole body masked (up to a limit; the
 * chunks before get an empty payload), so no value cut by a boundary escapes masking. Chunks of one
 * request share the session key, so they arrive in order at the same task.
 */
final class MaskingProcessor implements Processor<String, ResponseChunk, String, SpecificRecord> {

  static final String HEADS_STORE = "masking-sql-heads";
  static final String JSON_STORE = "masking-held-json";
  /** Far beyond any proxy's wait for a masked chunk (seconds), far below the raw topic's retention. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(MaskingProcessor.class);

  /** Kafka Streams metrics scope of the chunks refused by {@link RawChunkOpener} (an alert belongs on its total). */
  static final String METRICS_SCOPE = "witness-masking";
  static final String REFUSED_OPERATION = "raw-chunks-refused";

  /** Time to mask one raw chunk (decryption excluded), with a histogram: {@code witness_masking_time_seconds}. */
  public static final String MASKING_TIME = "witness.masking.time";

  private final ContentMasker masker;
  private final int jsonBufferBytes;
  private final Timer maskingTime;
  private final RawChunkOpener opener;
  private Sensor refused;
  private ProcessorContext<String, SpecificRecord> context;
  /** Result heads with the wall-clock time they were stored, so a head whose last chunk never comes is dropped. */
  private TimestampedKeyValueStore<String, SqlResultHead> heads;
  private KeyValueStore<String, HeldJson> heldJson;

  MaskingProcessor(ContentMasker masker, int jsonBufferBytes) {
    this(masker, jsonBufferBytes, RawChunkOpener.disabled());
  }

  MaskingProcessor(ContentMasker masker, int jsonBufferBytes, RawChunkOpener opener) {
    this.masker = masker;
    this.jsonBufferBytes = jsonBufferBytes;
    this.opener = opener;
    // On the global registry: the process running the topology adds its Prometheus registry to it.
    this.maskingTime = Timer.builder(MASKING_TIME).description("time to mask one raw response chunk")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(5)).register(Metrics.globalRegistry);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.heads = context.getStateStore(HEADS_STORE);
    this.heldJson = context.getStateStore(JSON_STORE);
    this.refused = context.metrics().addRateTotalSensor(METRICS_SCOPE, context.taskId().toString(),
        REFUSED_OPERATION, Sensor.RecordingLevel.INFO);
    // Raw bytes must not outlive their response: drop bodies whose last chunk never came (proxy gone).
    context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::purgeAbandoned);
  }

  @Override
  public void process(Record<String, ResponseChunk> record) {
    ResponseChunk chunk = record.value();
    if (chunk == null) {
      return;
    }
    RawChunkOpener.Opened opened = opener.open(chunk);
    if (opened.isRefused()) {
      refuse(record, chunk, opened);
      return;
    }
    chunk = opened.chunk();
    long started = System.nanoTime();
    MaskedChunk masked = spansChunks(chunk) ? maskJsonAcrossChunks(chunk) : masker.mask(chunk, columns(chunk));
    long took = System.nanoTime() - started;
    maskingTime.record(took, java.util.concurrent.TimeUnit.NANOSECONDS);
    log.debug("masked requestId={} chunkIndex={} last={} maskings={} withheld={} micros={}",
        chunk.getRequestId(), chunk.getChunkIndex(), chunk.getLast(), masked.getMaskings().size(),
        masked.getError() != null && masked.getError().startsWith("withheld"), took / 1000);
    context.forward(record.withKey(masked.getHeader().getSessionId()).withValue(masked));
  }

  /** Answers a chunk that could not be decrypted as withheld; what was held of its request goes with its last chunk. */
  private void refuse(Record<String, ResponseChunk> record, ResponseChunk chunk, RawChunkOpener.Opened opened) {
    refused.record();
    log.warn("raw chunk refused alert=raw-chunk-unreadable reason={} requestId={} sessionId={} chunkIndex={} keyId={}",
        opened.reason(), chunk.getRequestId(), chunk.getHeader().getSessionId(), chunk.getChunkIndex(),
        chunk.getEncryption() == null ? "none" : chunk.getEncryption().getKeyId());
    if (chunk.getLast()) {
      heldJson.delete(chunk.getRequestId());
      heads.delete(chunk.getRequestId());
    }
    MaskedChunk withheld = opened.refused();
    context.forward(record.withKey(withheld.getHeader().getSessionId()).withValue(withheld));
  }

  /** A JSON body in more than one chunk: every chunk but a single last one. */
  private static boolean spansChunks(ResponseChunk chunk) {
    return chunk.getEncryption() == null && !(chunk.getChunkIndex() == 0 && chunk.getLast())
        && ContentMasker.isJson(chunk.getContentType());
  }

  private MaskedChunk maskJsonAcrossChunks(ResponseChunk chunk) {
    String requestId = chunk.getRequestId();
    HeldJson held = heldJson.get(requestId);
    held = held == null ? HeldJson.NONE : held;
    byte[] payload = bytes(chunk.getPayload());
    if (chunk.getChunkIndex() < held.nextIndex() && !chunk.getLast()) {
      // Redelivered after a crash: its bytes are held already; answer it again, the same way.
      return masker.held(chunk);
    }
    if (held.overflowed()) {
      if (chunk.getLast()) {
        heldJson.delete(requestId);
      } else {
        heldJson.put(requestId, new HeldJson(chunk.getChunkIndex() + 1, true, now(), new byte[0]));
      }
      return masker.maskOverflow(chunk, payload);
    }
    byte[] body = concat(held.bytes(), payload);
    boolean wholeLine = JsonValueBoundary.isOneCompleteLine(body);
    if (chunk.getLast() || wholeLine) {
      // A watch stream or NDJSON: each whole document goes to the agent as it completes.
      if (held != HeldJson.NONE) {
        heldJson.delete(requestId);
      }
      MaskedChunk masked = masker.maskHeld(chunk, body);
      return wholeLine ? endingTheLine(masked) : masked;
    }
    if (body.length > jsonBufferBytes) {
      log.info("json over buffer requestId={} chunkIndex={} bytes={} limit={}", requestId, chunk.getChunkIndex(),
          body.length, jsonBufferBytes);
      heldJson.put(requestId, new HeldJson(chunk.getChunkIndex() + 1, true, now(), new byte[0]));
      return masker.maskOverflow(chunk, body);
    }
    heldJson.put(requestId, new HeldJson(chunk.getChunkIndex() + 1, false, now(), body));
    return masker.held(chunk);
  }

  /** The masked document with the line end re-serializing it dropped: line readers (NDJSON) need it. */
  private static MaskedChunk endingTheLine(MaskedChunk masked) {
    ByteBuffer payload = masked.getPayload();
    if (masked.getError() != null || !payload.hasRemaining() || payload.get(payload.limit() - 1) == '\n') {
      return masked;
    }
    ByteBuffer line = ByteBuffer.allocate(payload.remaining() + 1).put(payload.duplicate()).put((byte) '\n').flip();
    return MaskedChunk.newBuilder(masked).setPayload(line).build();
  }

  private long now() {
    return context.currentSystemTimeMs();
  }

  private void purgeAbandoned(long wallClockMs) {
    purgeAbandonedHeads(wallClockMs);
    List<String> abandoned = new ArrayList<>();
    try (KeyValueIterator<String, HeldJson> all = heldJson.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.heldAt() < wallClockMs - ABANDONED_AFTER.toMillis()) {
          abandoned.add(kv.key);
        }
      });
    }
    abandoned.forEach(heldJson::delete);
    if (!abandoned.isEmpty()) {
      log.info("held json dropped reason=abandoned requests={}", abandoned.size());
    }
  }

  /**
   * Drops result heads stored longer ago than {@link #ABANDONED_AFTER}. A head restored from a store
   * written before heads carried their time has none (-1): it is given the current time, so it
   * goes ten minutes later rather than under a request that may still be running.
   */
  private void purgeAbandonedHeads(long wallClockMs) {
    List<String> abandoned = new ArrayList<>();
    List<KeyValue<String, SqlResultHead>> undated = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<SqlResultHead>> all = heads.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.timestamp() < 0) {
          undated.add(KeyValue.pair(kv.key, kv.value.value()));
        } else if (kv.value.timestamp() < wallClockMs - ABANDONED_AFTER.toMillis()) {
          abandoned.add(kv.key);
        }
      });
    }
    abandoned.forEach(heads::delete);
    undated.forEach(kv -> heads.put(kv.key, ValueAndTimestamp.make(kv.value, wallClockMs)));
    if (!abandoned.isEmpty()) {
      log.info("sql heads dropped reason=abandoned requests={}", abandoned.size());
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private List<SqlColumn> columns(ResponseChunk chunk) {
    if (!ContentMasker.WIRE_ROWS.equals(ContentMasker.mediaType(chunk.getContentType()))) {
      return List.of();
    }
    List<SqlColumn> columns;
    // The last chunk's head carries only the command tag; the columns are on the first chunk's head.
    if (chunk.getHead() instanceof SqlResultHead head && !head.getColumns().isEmpty()) {
      columns = head.getColumns();
      if (!chunk.getLast()) {
        heads.put(chunk.getRequestId(), ValueAndTimestamp.make(head, now()));
      }
    } else {
      ValueAndTimestamp<SqlResultHead> stored = heads.get(chunk.getRequestId());
      columns = stored == null ? List.of() : stored.value().getColumns();
    }
    if (chunk.getLast()) {
      heads.delete(chunk.getRequestId());
    }
    return columns;
  }
}
