package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masks each raw chunk with {@link ContentMasker}, keeping a SQL result's columns (only on its first
 * chunk) in a store keyed by request id until its last chunk. Chunks of one request share the
 * session key, so they arrive in order at the same task.
 */
final class MaskingProcessor implements Processor<String, ResponseChunk, String, SpecificRecord> {

  static final String HEADS_STORE = "masking-sql-heads";

  private static final Logger log = LoggerFactory.getLogger(MaskingProcessor.class);

  private final ContentMasker masker;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, SqlResultHead> heads;

  MaskingProcessor(ContentMasker masker) {
    this.masker = masker;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.heads = context.getStateStore(HEADS_STORE);
  }

  @Override
  public void process(Record<String, ResponseChunk> record) {
    ResponseChunk chunk = record.value();
    if (chunk == null) {
      return;
    }
    List<SqlColumn> columns = columns(chunk);
    long started = System.nanoTime();
    MaskedChunk masked = masker.mask(chunk, columns);
    log.debug("masked requestId={} chunkIndex={} last={} maskings={} withheld={} micros={}",
        chunk.getRequestId(), chunk.getChunkIndex(), chunk.getLast(), masked.getMaskings().size(),
        masked.getError() != null && masked.getError().startsWith("withheld"), (System.nanoTime() - started) / 1000);
    context.forward(record.withKey(masked.getHeader().getSessionId()).withValue(masked));
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
        heads.put(chunk.getRequestId(), head);
      }
    } else {
      SqlResultHead stored = heads.get(chunk.getRequestId());
      columns = stored == null ? List.of() : stored.getColumns();
    }
    if (chunk.getLast()) {
      heads.delete(chunk.getRequestId());
    }
    return columns;
  }
}
