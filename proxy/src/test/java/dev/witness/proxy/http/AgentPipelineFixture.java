package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.RecordingPublisher;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The agent pipeline on in-memory channels: the test plays Kafka's side (publisher and reply
 * partition) and the upstream's (raw HTTP bytes on {@link FakeUpstreams} channels).
 */
abstract class AgentPipelineFixture {

  static final String TOKEN = "token-a";
  static final Duration APPROVAL_HOLD = Duration.ofMillis(300);

  final RecordingPublisher publisher = new RecordingPublisher();
  final PendingReplies replies = new PendingReplies(3);
  final FakeUpstreams upstreams = new FakeUpstreams();
  final ProxyConfig config = new ProxyConfig(3, Duration.ofSeconds(5), approvalHold(), new HttpProxyConfig("127.0.0.1:0", 32L, 8,
      List.of(new HttpRoute("/demo", "http:demo", "http://127.0.0.1:18080", null,
          new BackendCredential("X-Api-Key", "upstream-secret", null, null)))), null);
  final HttpProxyServices services = HttpProxyListener.services(config,
      new AgentAuthenticator(List.of(new AgentConfig("agent-a", AgentAuthenticator.sha256Hex(TOKEN), "alice"))),
      publisher, replies, TestExchanges.clock(), upstreams);
  EmbeddedChannel agent;

  /** How long a request needing approval is held; called while the fixture is built. */
  Duration approvalHold() {
    return APPROVAL_HOLD;
  }

  @BeforeEach
  void connect() throws Exception {
    agent = new EmbeddedChannel(false, false, new HttpProxyInitializer(services));
    agent.config().setAutoRead(false);
    agent.register();
  }

  @AfterEach
  void release() {
    agent.finishAndReleaseAll();
    upstreams.releaseAll();
  }

  void allowGet(String path) throws Exception {
    send(get(path, TOKEN));
    replies.dispatch(Replies.allow(publisher.nextRequest()));
    settle();
    Wire.drain(upstreams.last());
  }

  /** Expects raw chunk {@code index}, answers it upper-cased, returns it. */
  ResponseChunk maskNext(int index, String payload, boolean last) throws Exception {
    ResponseChunk chunk = publisher.nextChunk();
    assertThat(chunk).as("chunk %d published", index).isNotNull();
    assertThat(chunk.getChunkIndex()).isEqualTo(index);
    assertThat(StandardCharsets.ISO_8859_1.decode(chunk.getPayload().duplicate()).toString()).isEqualTo(payload);
    assertThat(chunk.getLast()).isEqualTo(last);
    replies.dispatch(Replies.masked(chunk,
        b -> new String(b, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1)));
    settle();
    return chunk;
  }

  static String get(String path, String token) {
    return "GET " + path + " HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  }

  void send(String raw) {
    agent.writeInbound(Wire.bytes(raw));
    settle();
  }

  void settle() {
    agent.runPendingTasks();
  }

  static FullHttpResponse single(String raw) {
    List<FullHttpResponse> responses = Wire.responses(raw);
    assertThat(responses).hasSize(1);
    return responses.get(0);
  }
}
