package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;

/** The simple query protocol: Query and the response to an empty query string. */
public final class SimpleQueryMessages {

  private SimpleQueryMessages() {}

  /** One or more SQL statements, run as one implicit transaction unless they manage their own. */
  public record Query(String sql) implements PgMessage {
    static Query decode(ByteBuf in) {
      return new Query(PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return FrontendMessageType.QUERY.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, sql);
    }
  }

  /** Stands for CommandComplete when the query string held no statement. */
  public record EmptyQueryResponse() implements PgMessage {
    @Override
    public byte type() {
      return BackendMessageType.EMPTY_QUERY_RESPONSE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }
}
