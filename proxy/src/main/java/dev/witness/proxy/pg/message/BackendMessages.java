package dev.witness.proxy.pg.message;

import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyResponse;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.ErrorMessages.NoticeResponse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.ParameterDescription;
import dev.witness.proxy.pg.message.RowMessages.CommandComplete;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.SessionMessages.NegotiateProtocolVersion;
import dev.witness.proxy.pg.message.SessionMessages.ParameterStatus;
import dev.witness.proxy.pg.message.SessionMessages.RawMessage;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import dev.witness.proxy.pg.message.SimpleQueryMessages.EmptyQueryResponse;
import io.netty.buffer.ByteBuf;

/** Dispatches a framed backend message to its family's decoder. */
public final class BackendMessages {

  private BackendMessages() {}

  public static PgMessage decode(byte type, ByteBuf body) {
    BackendMessageType kind = BackendMessageType.forByte(type);
    return switch (kind) {
      case AUTHENTICATION -> AuthenticationMessages.decode(body);
      case PARAMETER_STATUS -> ParameterStatus.decode(body);
      case BACKEND_KEY_DATA -> new BackendKeyData(body.readInt(), body.readInt());
      case READY_FOR_QUERY -> ReadyForQuery.decode(body);
      case NEGOTIATE_PROTOCOL_VERSION -> NegotiateProtocolVersion.decode(body);
      case ROW_DESCRIPTION -> RowDescription.decode(body);
      case DATA_ROW -> DataRow.decode(body);
      case COMMAND_COMPLETE -> CommandComplete.decode(body);
      case EMPTY_QUERY_RESPONSE -> new EmptyQueryResponse();
      case ERROR_RESPONSE -> ErrorResponse.decode(body);
      case NOTICE_RESPONSE -> NoticeResponse.decode(body);
      case PARSE_COMPLETE, BIND_COMPLETE, CLOSE_COMPLETE, NO_DATA, PORTAL_SUSPENDED -> new Acknowledgement(kind);
      case PARAMETER_DESCRIPTION -> ParameterDescription.decode(body);
      case COPY_IN_RESPONSE, COPY_OUT_RESPONSE, COPY_BOTH_RESPONSE -> CopyResponse.decode(kind, body);
      case COPY_DATA -> new CopyData(PgWire.rest(body));
      case COPY_DONE -> new CopyDone();
      case NOTIFICATION_RESPONSE, FUNCTION_CALL_RESPONSE -> new RawMessage(type, PgWire.rest(body));
    };
  }
}
