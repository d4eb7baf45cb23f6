package dev.witness.deploy.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The admin endpoint on a loopback port, asked with the JDK's HTTP client. */
class AdminServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessFollowsTheCheckAndExplainsWhyNot() throws Exception {
    AtomicReference<List<String>> problems = new AtomicReference<>(List.of("topology witness-ledger is REBALANCING"));
    try (ProcessMetrics metrics = new ProcessMetrics("test");
        AdminServer server = AdminServer.start("127.0.0.1:0", problems::get, metrics)) {
      HttpResponse<String> notReady = get(server, "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(notReady.body())
          .isEqualTo("{\"status\":\"not ready\",\"reasons\":[\"topology witness-ledger is REBALANCING\"]}");

      problems.set(List.of());
      HttpResponse<String> ready = get(server, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
      // Liveness does not depend on readiness.
      problems.set(List.of("kafka down"));
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFailingCheckIsNotReadyRatherThanAnError() throws Exception {
    try (ProcessMetrics metrics = new ProcessMetrics("test");
        AdminServer server = AdminServer.start("127.0.0.1:0", () -> {
          throw new IllegalStateException("boom");
        }, metrics)) {
      HttpResponse<String> reply = get(server, "/readyz");
      assertThat(reply.statusCode()).isEqualTo(503);
      assertThat(reply.body()).contains("readiness check failed: IllegalStateException");
    }
  }

  @Test
  void metricsExposeJvmAndGlobalWitnessMeters() throws Exception {
    try (ProcessMetrics metrics = new ProcessMetrics("proxy");
        AdminServer server = AdminServer.start("127.0.0.1:0", List::of, metrics)) {
      // Counted on the global registry after the process registry joined it, as role processes do.
      Metrics.counter("witness.test.admin.requests", "protocol", "SQL").increment(3);
      HttpResponse<String> reply = get(server, "/metrics");
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(reply.body()).contains("jvm_memory_used_bytes")
          .contains("witness_test_admin_requests_total{protocol=\"SQL\",role=\"proxy\"} 3.0");
    }
  }

  @Test
  void onlyReadsAreAllowed() throws Exception {
    try (ProcessMetrics metrics = new ProcessMetrics("test");
        AdminServer server = AdminServer.start("127.0.0.1:0", List::of, metrics)) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(uri(server, "/healthz"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void kafkaProbeNamesAnUnreachableCluster() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    try (KafkaProbe probe = new KafkaProbe("127.0.0.1:1", Clock.systemUTC())) {
      assertThat(probe.problem()).hasValueSatisfying(p -> assertThat(p).contains("127.0.0.1:1").contains("did not answer"));
    }
  }

  private HttpResponse<String> get(AdminServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(AdminServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
