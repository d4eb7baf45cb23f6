package dev.witness.proxy.pg;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.message.PgMessage;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Collects one result's rows into chunks: the payload is the DataRow (or COPY CopyData) messages
 * exactly as on the wire, so rows keep their count, order and wire types. The first chunk's head
 * names the columns; the last chunk's head carries the CommandComplete tag.
 */
final class ResultChunker {

  final ExchangeContext exchange;
  private final Expectation owner;
  private final List<SqlColumn> columns;
  private final ByteBuf rows = Unpooled.buffer();
  private int rowCount;
  private boolean first = true;

  /** Rows answering {@code owner}, an EXECUTE or QUERY, whose chunk indices it continues. */
  ResultChunker(Expectation owner, List<SqlColumn> columns) {
    this.owner = owner;
    this.exchange = owner.exchange;
    this.columns = columns;
  }

  void add(PgMessage row) {
    PgMessageEncoder.write(row, rows);
    rowCount++;
  }

  boolean full(int maxRows, int maxBytes) {
    return rowCount >= maxRows || rows.readableBytes() >= maxBytes;
  }

  int rowCount() {
    return rowCount;
  }

  /** Cuts the rows collected so far into the next chunk's parts. */
  Cut cut(boolean last, String commandTag) {
    int index = owner.nextChunk++;
    SqlResultHead head = first || last ? PgEventFactory.head(first ? columns : List.of(), last ? commandTag : null) : null;
    first = false;
    byte[] payload = new byte[rows.readableBytes()];
    rows.readBytes(payload);
    rows.clear();
    int count = rowCount;
    rowCount = 0;
    return new Cut(index, last, head, payload, count);
  }

  /** One chunk's content; {@code rows} is how many messages the payload holds. */
  record Cut(int index, boolean last, SqlResultHead head, byte[] payload, int rows) {}
}
