package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.FreePorts;
import dev.witness.proxy.Closing;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.KafkaEventPublisher;
import dev.witness.proxy.publish.StreamsStandIn;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP proxy against a real broker, the embedded schema registry, a real upstream and a real
 * HTTP client; a test responder stands in for the streams topologies.
 */
class HttpProxyIT {

  private static final String TOKEN = "it-agent-token-5f2b";
  private static final String UPSTREAM_SECRET = "upstream-api-key-91c4";
  private static final int REPLY_PARTITION = 2;
  private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(3);
  private static final int CHUNK = 256 * 1024;

  private static StreamsStandIn streams;
  private static CountingUpstream upstream;
  private static HttpProxyListener proxy;
  private static final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    streams = StreamsStandIn.start(REPLY_PARTITION, HttpProxyIT::policy,
        b -> new String(b, StandardCharsets.ISO_8859_1).replaceAll("\\d{3}-\\d{2}-\\d{4}", "***-**-****")
            .getBytes(StandardCharsets.ISO_8859_1));
    upstream = CountingUpstream.start();
    proxy = HttpProxyListener.start(config(), authenticator(), streams.publisher(), streams.replies());
  }

  @AfterAll
  static void stop() {
    Closing.inOrder(proxy, streams, upstream);
  }

  private static Decision policy(RequestIntercepted request) {
    String path = ((HttpRequest) request.getBody()).getPath();
    if (path.contains("/silent")) {
      return null;
    }
    return path.contains("/deny") ? Decision.DENY : Decision.ALLOW;
  }

  private static ProxyConfig config() {
    return new ProxyConfig(REPLY_PARTITION, VERDICT_TIMEOUT, new HttpProxyConfig("127.0.0.1:0", 1024L * 1024, CHUNK,
        List.of(new HttpRoute("/demo", "http:demo", upstream.url(), true,
            new BackendCredential("X-Upstream-Key", UPSTREAM_SECRET, null, null)))), null);
  }

  private static AgentAuthenticator authenticator() {
    return new AgentAuthenticator(List.of(new AgentConfig("it-agent", AgentAuthenticator.sha256Hex(TOKEN), "it@example.com")));
  }

  @Test
  void allowedGetIsForwardedAndTheAgentGetsTheMaskedResponse() throws Exception {
    int before = upstream.requests.get();

    HttpResponse<String> response = client.send(request(proxy, "/demo/customer").header("X-Witness-Purpose", "IT-1").GET()
        .build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("name=Ada Lovelace ssn=***-**-****");
    assertThat(response.headers().firstValue("set-cookie")).isEmpty();
    assertThat(upstream.requests.get()).isEqualTo(before + 1);
    var seen = upstream.headersSeen.get(upstream.headersSeen.size() - 1);
    assertThat(seen.containsKey("Authorization")).as("the agent's token stays at the proxy").isFalse();
    assertThat(seen.getFirst("X-Upstream-Key")).isEqualTo(UPSTREAM_SECRET);
    assertThat(seen.keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-witness"));
    RequestIntercepted recorded = recordedRequest("/demo/customer");
    assertThat(recorded.getHeader().getPurpose()).isEqualTo("IT-1");
    assertThat(recorded.getHeader().getAgent().getId()).isEqualTo("it-agent");
    assertThat(recorded.getReplyPartition()).isEqualTo(REPLY_PARTITION);
  }

  @Test
  void allowedPostCarriesItsBodyToTheUpstreamAndIntoTheEvent() throws Exception {
    String json = "{\"customer\":42,\"note\":\"hello\"}";

    HttpResponse<String> response = client.send(request(proxy, "/demo/echo")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(json);
    HttpRequest http = (HttpRequest) recordedRequest("/demo/echo").getBody();
    assertThat(http.getMethod()).isEqualTo("POST");
    assertThat(StandardCharsets.UTF_8.decode(http.getBody()).toString()).isEqualTo(json);
    assertThat(http.getBodySize()).isEqualTo(json.length());
  }

  @Test
  void largeResponseStreamsIntactInBoundedChunks() throws Exception {
    HttpResponse<byte[]> response = client.send(request(proxy, "/demo/big").GET().build(), BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(CountingUpstream.BIG.length).isEqualTo(CountingUpstream.BIG);
    String requestId = recordedRequest("/demo/big").getRequestId();
    List<ResponseChunk> chunks = streams.responder().chunks.stream().filter(c -> c.getRequestId().equals(requestId))
        .sorted(Comparator.comparingInt(ResponseChunk::getChunkIndex)).toList();
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(CountingUpstream.BIG.length / CHUNK);
    assertThat(chunks).allSatisfy(c -> assertThat(c.getPayload().remaining()).isLessThanOrEqualTo(CHUNK));
    assertThat(chunks).extracting(ResponseChunk::getChunkIndex)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
    assertThat(chunks).filteredOn(ResponseChunk::getLast).hasSize(1);
    assertThat(chunks.get(chunks.size() - 1).getLast()).isTrue();
  }

  @Test
  void deniedRequestIsA403AndNeverReachesTheUpstream() throws Exception {
    int before = upstream.requests.get();

    HttpResponse<String> response = client.send(request(proxy, "/demo/deny/drop-table").GET().build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(response.body()).contains("test-rule", "test policy says no");
    assertThat(upstream.requests.get()).isEqualTo(before);
  }

  @Test
  void missingAndUnknownTokensAre401AndRecordedAsFailedAuthentication() throws Exception {
    int before = upstream.requests.get();

    HttpResponse<String> missing = client.send(HttpClientRequests.to(proxy, "/demo/no-token").GET().build(), BodyHandlers.ofString());
    HttpResponse<String> unknown = client.send(HttpClientRequests.to(proxy, "/demo/bad-token")
        .header("Authorization", "Bearer not-a-real-token").GET().build(), BodyHandlers.ofString());

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(upstream.requests.get()).isEqualTo(before);
    RequestIntercepted noToken = recordedRequest("/demo/no-token");
    assertThat(noToken.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.FAILED);
    assertThat(noToken.getAuthentication().getMethod()).isEqualTo("bearer-token");
    assertThat(noToken.getAuthentication().getReason()).isEqualTo("missing token");
    assertThat(noToken.getHeader().getAgent().getId()).isEqualTo("anonymous");
    assertThat(recordedRequest("/demo/bad-token").getAuthentication().getReason()).isEqualTo("unknown token");
  }

  @Test
  void silentPolicyIsA503WithinTheVerdictTimeoutAndNothingIsForwarded() throws Exception {
    int before = upstream.requests.get();
    long start = System.nanoTime();

    HttpResponse<String> response = client.send(request(proxy, "/demo/silent").GET().build(), BodyHandlers.ofString());

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("Witness cannot record this request; nothing was forwarded");
    assertThat(took).isBetween(VERDICT_TIMEOUT.minusMillis(100), VERDICT_TIMEOUT.plusSeconds(2));
    assertThat(upstream.requests.get()).isEqualTo(before);
  }

  @Test
  void unreachableBrokerIsA503AndNothingIsForwarded() throws Exception {
    int before = upstream.requests.get();
    String closedPort = "127.0.0.1:" + FreePorts.find();
    try (KafkaEventPublisher nowhere = KafkaEventPublisher.create(closedPort, streams.proxyRegistry(), Duration.ofSeconds(1));
        HttpProxyListener cutOff = HttpProxyListener.start(config(), authenticator(), nowhere, streams.replies())) {
      long start = System.nanoTime();

      HttpResponse<String> response = client.send(request(cutOff, "/demo/customer").GET().build(), BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("nothing was forwarded");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(VERDICT_TIMEOUT.plusSeconds(2));
    }
    assertThat(upstream.requests.get()).isEqualTo(before);
  }

  @Test
  void tokensAndCredentialsNeverAppearInRecordedEvents() throws Exception {
    client.send(request(proxy, "/demo/customer").GET().build(), BodyHandlers.ofString());
    client.send(HttpClientRequests.to(proxy, "/demo/customer").header("Authorization", "Bearer " + TOKEN + "x")
        .GET().build(), BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.responder().requests.stream()
        .anyMatch(r -> r.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED));

    List<String> forbidden = List.of(TOKEN, "Bearer " + TOKEN, UPSTREAM_SECRET, CountingUpstream.UPSTREAM_COOKIE);
    assertThat(streams.responder().rawValues).isNotEmpty().allSatisfy(raw -> {
      String text = new String(raw, StandardCharsets.ISO_8859_1);
      forbidden.forEach(secret -> assertThat(text).doesNotContain(secret));
    });
  }

  private static java.net.http.HttpRequest.Builder request(HttpProxyListener listener, String path) {
    return HttpClientRequests.to(listener, path).header("Authorization", "Bearer " + TOKEN);
  }

  private static RequestIntercepted recordedRequest(String path) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> streams.responder().requests.stream()
        .filter(r -> ((HttpRequest) r.getBody()).getPath().equals(path)).reduce((a, b) -> b).orElse(null),
        r -> r != null);
  }

  /** Requests to a listener, with a generous timeout. */
  private static final class HttpClientRequests {
    static java.net.http.HttpRequest.Builder to(HttpProxyListener listener, String path) {
      return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
          .timeout(Duration.ofSeconds(30));
    }
  }
}
