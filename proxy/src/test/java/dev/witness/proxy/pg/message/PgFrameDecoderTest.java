package dev.witness.proxy.pg.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Execute;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Sync;
import dev.witness.proxy.pg.message.PgFrameDecoder.Side;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import dev.witness.proxy.pg.message.StartupMessages.CancelRequest;
import dev.witness.proxy.pg.message.StartupMessages.SslRequest;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgFrameDecoderTest {

  private static final int MAX = 1024;

  static byte[] wire(PgMessage... messages) {
    ByteBuf out = Unpooled.buffer();
    for (PgMessage m : messages) {
      PgMessageEncoder.write(m, out);
    }
    return PgWire.rest(out);
  }

  private static EmbeddedChannel frontend() {
    return new EmbeddedChannel(new PgFrameDecoder(Side.FRONTEND, MAX));
  }

  @Test
  void startupThenTypedMessagesSplitAtEveryByte() {
    StartupMessage startup = new StartupMessage(StartupMessages.PROTOCOL_3_0,
        Map.of("user", "agent", "database", "demo"));
    Parse parse = new Parse("s1", "select $1", new int[] {23});
    byte[] bytes = wire(new SslRequest(), startup, new Query("select 1"), parse,
        new Bind("", "s1", new short[] {0}, List.of("42".getBytes(StandardCharsets.UTF_8)), new short[0]),
        new Execute("", 0), new Sync());
    EmbeddedChannel ch = frontend();

    for (byte b : bytes) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertThat((Object) ch.readInbound()).isEqualTo(new SslRequest());
    assertThat((Object) ch.readInbound()).isEqualTo(startup);
    assertThat((Object) ch.readInbound()).isEqualTo(new Query("select 1"));
    assertThat(ch.<Parse>readInbound().query()).isEqualTo("select $1");
    assertThat(ch.<Bind>readInbound().parameters()).hasSize(1);
    assertThat((Object) ch.readInbound()).isEqualTo(new Execute("", 0));
    assertThat((Object) ch.readInbound()).isEqualTo(new Sync());
    assertThat((Object) ch.readInbound()).isNull();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void cancelRequestIsAStartupPhaseMessage() {
    EmbeddedChannel ch = frontend();

    ch.writeInbound(Unpooled.wrappedBuffer(wire(new CancelRequest(7, 99))));

    assertThat((Object) ch.readInbound()).isEqualTo(new CancelRequest(7, 99));
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void aTruncatedFrameWaitsAndNothingIsEmitted() {
    EmbeddedChannel ch = frontend();
    byte[] bytes = wire(new StartupMessage(StartupMessages.PROTOCOL_3_0, Map.of("user", "a")), new Query("select 1"));

    ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 3));

    assertThat((Object) ch.readInbound()).isInstanceOf(StartupMessage.class);
    assertThat((Object) ch.readInbound()).isNull();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void anOversizedFrameIsAProtocolErrorBeforeItsBodyArrives() {
    EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(Side.BACKEND, MAX));
    ByteBuf head = Unpooled.buffer().writeByte('D').writeInt(MAX + 5);

    assertThatThrownBy(() -> ch.writeInbound(head))
        .isInstanceOf(DecoderException.class).hasCauseInstanceOf(PgProtocolException.class)
        .hasMessageContaining("over the limit");
    ch.writeInbound(Unpooled.wrappedBuffer(wire(new DataRow(List.of(new byte[1])))));
    assertThat((Object) ch.readInbound()).as("after a protocol error every byte is dropped").isNull();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void garbageBytesAreAProtocolError() {
    EmbeddedChannel ch = frontend();
    ch.writeInbound(Unpooled.wrappedBuffer(wire(new StartupMessage(StartupMessages.PROTOCOL_3_0, Map.of("user", "a")))));
    ch.<Object>readInbound();

    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))))
        .hasCauseInstanceOf(PgProtocolException.class).hasMessageContaining("unknown frontend message type");
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void anHttpRequestInsteadOfAStartupPacketIsRefused() {
    EmbeddedChannel ch = frontend();

    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))))
        .hasCauseInstanceOf(PgProtocolException.class).hasMessageContaining("invalid startup packet length");
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void aBodyShorterThanItsFieldsIsAProtocolError() {
    EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(Side.BACKEND, MAX));
    // DataRow claiming one value of 100 bytes inside a 10-byte message.
    ByteBuf bad = Unpooled.buffer().writeByte('D').writeInt(10).writeShort(1).writeInt(100);

    assertThatThrownBy(() -> ch.writeInbound(bad)).hasCauseInstanceOf(PgProtocolException.class);
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void trailingBytesInsideAFrameAreAProtocolError() {
    EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(Side.BACKEND, MAX));
    ByteBuf bad = Unpooled.buffer().writeByte('Z').writeInt(6).writeByte('I').writeByte('I');

    assertThatThrownBy(() -> ch.writeInbound(bad)).hasCauseInstanceOf(PgProtocolException.class)
        .hasMessageContaining("unexpected bytes after ReadyForQuery");
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void typeBytesLookUpPerDirectionAndThrowOnUnknownOnes() {
    assertThat(FrontendMessageType.forByte((byte) 'C')).isEqualTo(FrontendMessageType.CLOSE);
    assertThat(BackendMessageType.forByte((byte) 'C')).isEqualTo(BackendMessageType.COMMAND_COMPLETE);
    assertThatThrownBy(() -> FrontendMessageType.forByte((byte) 'T')).isInstanceOf(PgProtocolException.class);
    assertThatThrownBy(() -> BackendMessageType.forByte((byte) 0xff)).isInstanceOf(PgProtocolException.class);
  }
}
