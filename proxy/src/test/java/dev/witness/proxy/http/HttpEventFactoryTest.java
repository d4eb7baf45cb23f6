package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.event.TestExchanges;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEventFactoryTest {

  private final HttpEventFactory events = new HttpEventFactory(TestExchanges.headers());
  private final HttpRequestData post = new HttpRequestData("POST", "/demo/items", "a=1",
      List.of(Map.entry("Authorization", "Bearer tok"), Map.entry("Content-Type", "application/json")),
      "{\"x\":1}".getBytes(StandardCharsets.UTF_8), 7);

  @Test
  void requestCarriesEnvelopeIdentityAndRedactedHttpRequest() {
    RequestIntercepted e = events.request(TestExchanges.context("req-1"), 4, post, HeaderRedactor.standard());

    assertThat(e.getRequestId()).isEqualTo("req-1");
    assertThat(e.getReplyPartition()).isEqualTo(3);
    assertThat(e.getHeader().getEventId()).isEqualTo("id-1");
    assertThat(e.getHeader().getSessionId()).isEqualTo("session-1");
    assertThat(e.getHeader().getSequence()).isEqualTo(4);
    assertThat(e.getHeader().getTimestamp()).isEqualTo(TestExchanges.NOW);
    assertThat(e.getHeader().getAgent().getId()).isEqualTo("agent-a");
    assertThat(e.getHeader().getAgent().getIssuer()).isEqualTo("witness");
    assertThat(e.getHeader().getAgent().getDelegatingHuman()).isEqualTo("alice");
    assertThat(e.getHeader().getPurpose()).isEqualTo("TICKET-1");
    assertThat(e.getHeader().getResource()).isEqualTo("http:demo");
    assertThat(e.getHeader().getProtocol()).isEqualTo(Protocol.HTTP);
    assertThat(e.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.SUCCEEDED);
    assertThat(e.getAuthentication().getMethod()).isEqualTo("bearer-token");
    HttpRequest http = (HttpRequest) e.getBody();
    assertThat(http.getMethod()).isEqualTo("POST");
    assertThat(http.getPath()).isEqualTo("/demo/items");
    assertThat(http.getQuery()).isEqualTo("a=1");
    assertThat(http.getHeaders()).containsEntry("authorization", "[REDACTED]").containsEntry("content-type", "application/json");
    assertThat(http.getBody()).isEqualTo(ByteBuffer.wrap("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
    assertThat(http.getBodySize()).isEqualTo(7);
  }

  @Test
  void authenticationFailureIsAnonymousAndBodiless() {
    RequestIntercepted e = events.authenticationFailed(
        TestExchanges.anonymous("req-2"), 0, post, HeaderRedactor.standard(), "unknown token");

    assertThat(e.getHeader().getAgent().getId()).isEqualTo("anonymous");
    assertThat(e.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.FAILED);
    assertThat(e.getAuthentication().getMethod()).isEqualTo("bearer-token");
    assertThat(e.getAuthentication().getReason()).isEqualTo("unknown token");
    HttpRequest http = (HttpRequest) e.getBody();
    assertThat(http.getBody()).isNull();
    assertThat(http.getBodySize()).isEqualTo(7);
  }

  @Test
  void responseChunksCarryHeadOnlyWhenGiven() {
    HttpResponseHead head = events.responseHead(200,
        List.of(Map.entry("Set-Cookie", "sid=1"), Map.entry("Content-Type", "text/plain")), HeaderRedactor.standard());
    ResponseChunk first = events.responseChunk(TestExchanges.context("req-3"), 1, 0, false, head, "text/plain", new byte[] {1}, null);
    ResponseChunk failure = events.upstreamFailure(TestExchanges.context("req-3"), 2, "upstream unreachable: ConnectException");

    assertThat(first.getHead()).isEqualTo(HttpResponseHead.newBuilder()
        .setStatus(200).setHeaders(Map.of("set-cookie", "[REDACTED]", "content-type", "text/plain")).build());
    assertThat(first.getChunkIndex()).isZero();
    assertThat(first.getLast()).isFalse();
    assertThat(first.getError()).isNull();
    assertThat(failure.getLast()).isTrue();
    assertThat(failure.getHead()).isNull();
    assertThat(failure.getPayload().remaining()).isZero();
    assertThat(failure.getError()).isEqualTo("upstream unreachable: ConnectException");
  }

  @Test
  void eventsSurviveTheWireFormat() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    var requests = AvroEventSerde.forTopic(registry, Topics.REQUESTS);
    var chunks = AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW);
    RequestIntercepted request = events.request(TestExchanges.context("req-4"), 0, post, HeaderRedactor.standard());
    ResponseChunk chunk = events.responseChunk(TestExchanges.context("req-4"), 1, 0, true,
        events.responseHead(204, List.of(), HeaderRedactor.standard()), null, new byte[0], null);

    byte[] bytes = requests.serializer().serialize(Topics.REQUESTS.name(), request);

    assertThat(requests.deserializer().deserialize(Topics.REQUESTS.name(), bytes)).isEqualTo(request);
    assertThat(chunks.deserializer().deserialize(Topics.RESPONSES_RAW.name(),
        chunks.serializer().serialize(Topics.RESPONSES_RAW.name(), chunk))).isEqualTo(chunk);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Bearer tok");
  }
}
