package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.BackendMessageType;
import java.nio.ByteBuffer;

/** Checks that a masked chunk is still whole DataRow/CopyData messages before it goes to the agent. */
final class WireRows {

  private WireRows() {}

  /** The number of whole row messages in {@code payload}, or -1 if it is anything else. */
  static int count(ByteBuffer payload) {
    ByteBuffer b = payload.duplicate();
    int count = 0;
    while (b.hasRemaining()) {
      if (b.remaining() < 5) {
        return -1;
      }
      byte type = b.get();
      int length = b.getInt();
      boolean row = type == BackendMessageType.DATA_ROW.code() || type == BackendMessageType.COPY_DATA.code();
      if (!row || length < 4 || length - 4 > b.remaining()) {
        return -1;
      }
      b.position(b.position() + length - 4);
      count++;
    }
    return count;
  }
}
