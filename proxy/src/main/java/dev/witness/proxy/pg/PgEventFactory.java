package dev.witness.proxy.pg;

import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.SqlResultHead;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds the events of PostgreSQL sessions; pure apart from the injected clock and id generator. */
public final class PgEventFactory {

  /** Recorded as the authentication method: the gateway token presented as the password. */
  public static final String TOKEN_PASSWORD = "password-token";
  /** Recorded as the authentication method when the agent proved its token by SCRAM-SHA-256. */
  public static final String SCRAM = "scram-sha-256";
  /** Content type of SQL result chunks: DataRow (or COPY CopyData) messages exactly as on the wire. */
  public static final String WIRE_ROWS = "application/vnd.postgresql.wire-v3";
  /**
   * Content type of chunks of the data an agent sent for COPY FROM STDIN: its CopyData messages as
   * on the wire, recorded as chunks of the COPY statement before the data is forwarded.
   */
  public static final String WIRE_COPY_IN = WIRE_ROWS + "; direction=copy-in";

  private final EventHeaderFactory headers;

  public PgEventFactory(EventHeaderFactory headers) {
    this.headers = headers;
  }

  /** A simple query or an Execute, published before anything is forwarded; {@code method} as the session logged in. */
  public RequestIntercepted statement(ExchangeContext ex, long sequence, String method, String database,
      String statement, List<String> parameters, String preparedStatementName) {
    return statement(ex, sequence, method, database, statement, parameters, preparedStatementName, null);
  }

  /**
   * Like {@link #statement(ExchangeContext, long, String, String, String, List, String)}, naming the
   * model's tool call the connection serves ({@code -c witness.tool_call_id=}), or null.
   */
  public RequestIntercepted statement(ExchangeContext ex, long sequence, String method, String database,
      String statement, List<String> parameters, String preparedStatementName, String toolCallId) {
    Authentication succeeded = Authentication.newBuilder()
        .setOutcome(AuthenticationOutcome.SUCCEEDED).setMethod(method).setReason(null).build();
    SqlRequest sql = sql(database, statement, parameters, preparedStatementName);
    sql.setToolCallId(toolCallId);
    return intercepted(ex, sequence, succeeded, sql);
  }

  /** A connection whose token was wrong; the statement is empty, the password never recorded. */
  public RequestIntercepted authenticationFailed(ExchangeContext ex, long sequence, String method, String database,
      String reason) {
    Authentication failed = Authentication.newBuilder()
        .setOutcome(AuthenticationOutcome.FAILED).setMethod(method).setReason(reason).build();
    return intercepted(ex, sequence, failed, sql(database, "", List.of(), null));
  }

  /** The shape of a result; columns are empty when unknown, the tag null until the result ended. */
  public static SqlResultHead head(List<SqlColumn> columns, String commandTag) {
    return SqlResultHead.newBuilder().setColumns(columns).setCommandTag(commandTag).build();
  }

  /** One raw chunk of a result: {@code payload} holds whole DataRow messages as on the wire. */
  public ResponseChunk resultChunk(ExchangeContext ex, long sequence, int chunkIndex, boolean last,
      SqlResultHead head, byte[] payload, String error) {
    return ResponseChunk.newBuilder()
        .setHeader(headers.header(ex, sequence, Protocol.SQL))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setChunkIndex(chunkIndex)
        .setLast(last)
        .setHead(head)
        .setContentType(WIRE_ROWS)
        .setPayload(ByteBuffer.wrap(payload))
        .setEncryption(null)
        .setError(error)
        .build();
  }

  /**
   * One chunk of the data the agent sent for a COPY FROM STDIN ({@code payload}: whole CopyData
   * messages), numbered among the COPY statement's chunks; never the last one, which carries the
   * COPY's CommandComplete tag.
   */
  public ResponseChunk copyInChunk(ExchangeContext ex, long sequence, int chunkIndex, boolean first, byte[] payload) {
    ResponseChunk chunk = resultChunk(ex, sequence, chunkIndex, false, first ? head(List.of(), null) : null, payload,
        null);
    chunk.setContentType(WIRE_COPY_IN);
    return chunk;
  }

  private RequestIntercepted intercepted(ExchangeContext ex, long sequence, Authentication auth, SqlRequest body) {
    return RequestIntercepted.newBuilder()
        .setHeader(headers.header(ex, sequence, Protocol.SQL))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setAuthentication(auth)
        .setBody(body)
        .build();
  }

  private static SqlRequest sql(String database, String statement, List<String> parameters, String prepared) {
    return SqlRequest.newBuilder()
        .setStatement(statement)
        .setParameters(parameters)
        .setDatabase(database)
        .setPreparedStatementName(prepared == null || prepared.isEmpty() ? null : prepared)
        .build();
  }
}
