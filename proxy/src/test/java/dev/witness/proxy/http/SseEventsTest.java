package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventsTest {

  private static int complete(String text) {
    ByteBuf buf = Unpooled.copiedBuffer("xx" + text, StandardCharsets.UTF_8);
    buf.skipBytes(2);
    try {
      return SseEvents.completeEventsLength(buf, buf.readableBytes());
    } finally {
      buf.release();
    }
  }

  @Test
  void cutsAfterTheLastCompleteEvent() {
    assertThat(complete("data: a\n\ndata: b\n\ndata: c")).isEqualTo("data: a\n\ndata: b\n\n".length());
    assertThat(complete("event: message\ndata: {}\n\n")).isEqualTo("event: message\ndata: {}\n\n".length());
  }

  @Test
  void anIncompleteEventIsNotCut() {
    assertThat(complete("data: a\n")).isZero();
    assertThat(complete("data: a")).isZero();
  }

  @Test
  void crlfAndCrLineEndsCount() {
    assertThat(complete("data: a\r\n\r\ndata: b")).isEqualTo("data: a\r\n\r\n".length());
    assertThat(complete("data: a\r\rdata: b")).isEqualTo("data: a\r\r".length());
    // A trailing CR may be half of CRLF: wait for the next byte.
    assertThat(complete("data: a\r\n\r")).isZero();
  }

  @Test
  void recognisesTheMediaType() {
    assertThat(SseEvents.isEventStream("text/event-stream; charset=utf-8")).isTrue();
    assertThat(SseEvents.isEventStream("Text/Event-Stream")).isTrue();
    assertThat(SseEvents.isEventStream("application/json")).isFalse();
    assertThat(SseEvents.isEventStream(null)).isFalse();
  }
}
