package dev.witness.proxy.pg.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationCleartextPassword;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationMd5Password;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationOk;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSasl;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslContinue;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslFinal;
import dev.witness.proxy.pg.message.AuthenticationMessages.PasswordMessage;
import dev.witness.proxy.pg.message.AuthenticationMessages.SaslInitialResponse;
import dev.witness.proxy.pg.message.AuthenticationMessages.SaslResponse;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyFail;
import dev.witness.proxy.pg.message.CopyMessages.CopyResponse;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.ErrorMessages.NoticeResponse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Close;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Describe;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Execute;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Flush;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.ParameterDescription;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Sync;
import dev.witness.proxy.pg.message.PgFrameDecoder.Side;
import dev.witness.proxy.pg.message.RowMessages.CommandComplete;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import dev.witness.proxy.pg.message.RowMessages.Field;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.SessionMessages.NegotiateProtocolVersion;
import dev.witness.proxy.pg.message.SessionMessages.ParameterStatus;
import dev.witness.proxy.pg.message.SessionMessages.RawMessage;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import dev.witness.proxy.pg.message.SessionMessages.Terminate;
import dev.witness.proxy.pg.message.SimpleQueryMessages.EmptyQueryResponse;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import dev.witness.proxy.pg.message.StartupMessages.CancelRequest;
import dev.witness.proxy.pg.message.StartupMessages.GssEncRequest;
import dev.witness.proxy.pg.message.StartupMessages.SslRequest;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every message type survives encode → frame (split anywhere) → decode → encode byte for byte. */
class PgMessageRoundTripProperties {

  @Property(tries = 300)
  void frontendMessagesRoundTrip(@ForAll("frontend") List<PgMessage> messages, @ForAll("splits") int split) {
    List<PgMessage> all = new ArrayList<>();
    all.add(new StartupMessage(StartupMessages.PROTOCOL_3_0, Map.of("user", "u")));
    all.addAll(messages);
    roundTrip(Side.FRONTEND, all, split);
  }

  @Property(tries = 300)
  void backendMessagesRoundTrip(@ForAll("backend") List<PgMessage> messages, @ForAll("splits") int split) {
    roundTrip(Side.BACKEND, messages, split);
  }

  @Property(tries = 50)
  void startupPhaseMessagesRoundTrip(@ForAll("startup") PgMessage message) {
    roundTrip(Side.FRONTEND, List.of(message), 1);
  }

  private static void roundTrip(Side side, List<PgMessage> messages, int split) {
    byte[] bytes = PgFrameDecoderTest.wire(messages.toArray(PgMessage[]::new));
    EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(side, 1 << 20));
    int cut = Math.min(split, bytes.length);
    ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
    ch.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
    List<PgMessage> decoded = new ArrayList<>();
    for (Object m = ch.readInbound(); m != null; m = ch.readInbound()) {
      decoded.add((PgMessage) m);
    }
    assertThat(decoded).hasSize(messages.size());
    for (int i = 0; i < decoded.size(); i++) {
      assertThat(decoded.get(i).type()).isEqualTo(messages.get(i).type());
    }
    assertThat(Arrays.equals(PgFrameDecoderTest.wire(decoded.toArray(PgMessage[]::new)), bytes)).isTrue();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Provide
  Arbitrary<Integer> splits() {
    return Arbitraries.integers().between(0, 400);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings().ofMaxLength(20).excludeChars('\0');
  }

  private static Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
  }

  private static Arbitrary<byte[]> nullableBytes() {
    return bytes().injectNull(0.2);
  }

  private static Arbitrary<short[]> formats() {
    return Arbitraries.shorts().between((short) 0, (short) 1).array(short[].class).ofMaxSize(4);
  }

  private static Arbitrary<Byte> kind() {
    return Arbitraries.of((byte) 'S', (byte) 'P');
  }

  @Provide
  Arbitrary<PgMessage> startup() {
    return Arbitraries.oneOf(
        Arbitraries.maps(text().filter(s -> !s.isEmpty()), text()).ofMaxSize(4)
            .map(p -> new StartupMessage(StartupMessages.PROTOCOL_3_0, p)),
        Arbitraries.just(new SslRequest()), Arbitraries.just(new GssEncRequest()),
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(CancelRequest::new));
  }

  @Provide
  Arbitrary<List<PgMessage>> frontend() {
    Arbitrary<PgMessage> one = Arbitraries.oneOf(
        text().map(Query::new),
        Combinators.combine(text(), text(), Arbitraries.integers().array(int[].class).ofMaxSize(3)).as(Parse::new),
        Combinators.combine(text(), text(), formats(), nullableBytes().list().ofMaxSize(4), formats()).as(Bind::new),
        Combinators.combine(kind(), text()).as(Describe::new),
        Combinators.combine(text(), Arbitraries.integers()).as(Execute::new),
        Combinators.combine(kind(), text()).as(Close::new),
        Arbitraries.just(new Sync()), Arbitraries.just(new Flush()), Arbitraries.just(new Terminate()),
        bytes().map(PasswordMessage::new),
        Combinators.combine(text(), nullableBytes()).as(SaslInitialResponse::new),
        bytes().map(SaslResponse::new),
        bytes().map(CopyData::new), Arbitraries.just(new CopyDone()), text().map(CopyFail::new),
        bytes().map(b -> new RawMessage(FrontendMessageType.FUNCTION_CALL.code(), b)));
    return one.list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<PgMessage>> backend() {
    Arbitrary<Field> field = Combinators.combine(text(), Arbitraries.integers(), Arbitraries.shorts(),
        Arbitraries.integers(), Arbitraries.shorts(), Arbitraries.integers(), Arbitraries.shorts()).as(Field::new);
    Arbitrary<Map<Character, String>> fields = Arbitraries.maps(
        Arbitraries.chars().range('A', 'z'), text()).ofMaxSize(5);
    Arbitrary<PgMessage> one = Arbitraries.oneOf(List.of(
        Arbitraries.just(new AuthenticationOk()), Arbitraries.just(new AuthenticationCleartextPassword()),
        Arbitraries.bytes().array(byte[].class).ofSize(4).map(AuthenticationMd5Password::new),
        text().filter(s -> !s.isEmpty()).list().ofMaxSize(3).map(AuthenticationSasl::new),
        bytes().map(AuthenticationSaslContinue::new), bytes().map(AuthenticationSaslFinal::new),
        Combinators.combine(text(), text()).as(ParameterStatus::new),
        Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(BackendKeyData::new),
        Arbitraries.of((byte) 'I', (byte) 'T', (byte) 'E').map(ReadyForQuery::new),
        Combinators.combine(Arbitraries.integers(), text().list().ofMaxSize(3)).as(NegotiateProtocolVersion::new),
        field.list().ofMaxSize(4).map(RowDescription::new),
        nullableBytes().list().ofMaxSize(5).map(DataRow::new),
        text().map(CommandComplete::new),
        Arbitraries.just(new EmptyQueryResponse()),
        fields.map(ErrorResponse::new), fields.map(NoticeResponse::new),
        Arbitraries.of(Acknowledgement.PARSE_COMPLETE, Acknowledgement.BIND_COMPLETE, Acknowledgement.CLOSE_COMPLETE,
            Acknowledgement.NO_DATA, Acknowledgement.PORTAL_SUSPENDED),
        Arbitraries.integers().array(int[].class).ofMaxSize(4).map(ParameterDescription::new),
        Combinators.combine(Arbitraries.of(BackendMessageType.COPY_IN_RESPONSE, BackendMessageType.COPY_OUT_RESPONSE,
            BackendMessageType.COPY_BOTH_RESPONSE), Arbitraries.of((byte) 0, (byte) 1), formats()).as(CopyResponse::new),
        bytes().map(CopyData::new), Arbitraries.just(new CopyDone()),
        bytes().map(b -> new RawMessage(BackendMessageType.NOTIFICATION_RESPONSE.code(), b))));
    return one.list().ofMaxSize(6);
  }
}
