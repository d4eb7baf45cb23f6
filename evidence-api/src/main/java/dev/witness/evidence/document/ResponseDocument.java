package dev.witness.evidence.document;

import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code response} section: one masked chunk as the agent received it. {@code status} and
 * {@code headers} come from an HTTP head, {@code columns} and {@code commandTag} from a SQL head;
 * heads are only on the first chunk.
 */
public record ResponseDocument(int chunkIndex, boolean last, Integer status, Map<String, String> headers,
    List<Column> columns, String commandTag, String contentType, String body, String bodyEncoding,
    List<Masking> maskings, String error) {

  static ResponseDocument of(MaskedChunk c) {
    BodyText body = BodyText.of(c.getPayload());
    Object head = c.getHead();
    HttpResponseHead http = head instanceof HttpResponseHead h ? h : null;
    SqlResultHead sql = head instanceof SqlResultHead s ? s : null;
    return new ResponseDocument(
        c.getChunkIndex(),
        c.getLast(),
        http == null ? null : http.getStatus(),
        http == null ? null : new TreeMap<>(http.getHeaders()),
        sql == null ? null : sql.getColumns().stream().map(Column::of).toList(),
        sql == null ? null : sql.getCommandTag(),
        c.getContentType(),
        BodyText.textOf(body),
        BodyText.encodingOf(body),
        c.getMaskings().stream().map(Masking::of).toList(),
        c.getError());
  }

  /** A result-set column. */
  public record Column(String name, int typeOid, String table) {

    static Column of(SqlColumn c) {
      return new Column(c.getName(), c.getTypeOid(), c.getTable());
    }
  }

  /** Which rule masked which field; never the original value. */
  public record Masking(String field, String detector, String operator, int count) {

    static Masking of(MaskingApplied m) {
      return new Masking(m.getField(), m.getDetector(), m.getOperator(), m.getCount());
    }
  }
}
