package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;

/** One message of the PostgreSQL frontend/backend protocol v3, in either direction. */
public interface PgMessage {

  /** Startup-phase messages (StartupMessage, SSLRequest, CancelRequest...) carry no type byte. */
  byte UNTYPED = 0;

  /** The type byte on the wire, or {@link #UNTYPED}. */
  byte type();

  /** Writes everything after the length word. */
  void writeBody(ByteBuf out);
}
