package dev.witness.proxy.pg.message;

import dev.witness.proxy.pg.message.AuthenticationMessages.PasswordMessage;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyFail;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Close;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Describe;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Execute;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Flush;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Sync;
import dev.witness.proxy.pg.message.SessionMessages.RawMessage;
import dev.witness.proxy.pg.message.SessionMessages.Terminate;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import io.netty.buffer.ByteBuf;

/** Dispatches a framed frontend message to its family's decoder. */
public final class FrontendMessages {

  private FrontendMessages() {}

  public static PgMessage decode(byte type, ByteBuf body) {
    return switch (FrontendMessageType.forByte(type)) {
      case QUERY -> Query.decode(body);
      case PARSE -> Parse.decode(body);
      case BIND -> Bind.decode(body);
      case DESCRIBE -> Describe.decode(body);
      case EXECUTE -> Execute.decode(body);
      case SYNC -> new Sync();
      case FLUSH -> new Flush();
      case CLOSE -> Close.decode(body);
      case PASSWORD -> new PasswordMessage(PgWire.rest(body));
      case TERMINATE -> new Terminate();
      case COPY_DATA -> new CopyData(PgWire.rest(body));
      case COPY_DONE -> new CopyDone();
      case COPY_FAIL -> CopyFail.decode(body);
      case FUNCTION_CALL -> new RawMessage(type, PgWire.rest(body));
    };
  }
}
