package dev.witness.proxy.http;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/** Finds event boundaries in a {@code text/event-stream} body (a blank line ends an event). */
final class SseEvents {

  private SseEvents() {}

  static boolean isEventStream(String contentType) {
    return contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /**
   * The length of the longest prefix of the first {@code readable} bytes of {@code buffer} that
   * ends with a complete event, or 0 when no event is complete yet. Lines end with LF, CRLF or CR.
   */
  static int completeEventsLength(ByteBuf buffer, int readable) {
    int start = buffer.readerIndex();
    int end = 0;
    boolean lineEmpty = true;
    for (int i = 0; i < readable; i++) {
      byte b = buffer.getByte(start + i);
      if (b == '\n' || b == '\r') {
        if (b == '\r' && i + 1 < readable && buffer.getByte(start + i + 1) == '\n') {
          i++;
        } else if (b == '\r' && i + 1 == readable) {
          // A CR at the end may be the first half of CRLF: decide when the next byte is read.
          break;
        }
        if (lineEmpty) {
          end = i + 1;
        }
        lineEmpty = true;
      } else {
        lineEmpty = false;
      }
    }
    return end;
  }
}
