package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.deploy.WitnessCommand;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.WitnessConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Restart keeps evidence; a stopped broker makes the proxy fail closed. */
class StandaloneLifecycleIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static HttpResponse<String> get(Standalone witness, String path, String session) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(witness.httpProxyUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + witness.credentials().agentToken())
        .header("X-Witness-Session", session)
        .header("X-Witness-Purpose", "lifecycle").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restartKeepsEvidenceAndBrokerLossFailsClosed() throws Exception {
    Path dir = ScratchDirectory.deletedOnExit("witness-lifecycle");
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    String first = UUID.randomUUID().toString();

    String before;
    try (Standalone witness = Standalone.start(WitnessConfig.defaults(), StandaloneOptions.ephemeral(dir), quiet)) {
      assertThat(get(witness, "/demo/customers/5", first).statusCode()).isEqualTo(200);
      EvidenceClient auditor = new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().auditorToken());
      auditor.awaitEvents(first, 3);
      before = auditor.json("/v1/sessions/" + first + "/events").toString();
    }

    // The evidence database is dropped and re-read from the ledger while standalone is stopped.
    StringWriter rebuildOut = new StringWriter();
    CommandLine cli = WitnessCommand.newCommandLine();
    cli.setOut(new PrintWriter(rebuildOut, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute("evidence", "rebuild", "--data-dir", dir.toString(), "--yes")).as(rebuildOut.toString()).isZero();
    assertThat(rebuildOut.toString()).contains("rebuilt in").contains("0 chain breaks");

    try (Standalone witness = Standalone.start(WitnessConfig.defaults(), StandaloneOptions.ephemeral(dir), quiet)) {
      EvidenceClient auditor = new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().auditorToken());
      assertThat(auditor.events(first)).hasSize(3);
      assertThat(auditor.json("/v1/sessions/" + first + "/events").toString()).as("rebuilt view").isEqualTo(before);

      String second = UUID.randomUUID().toString();
      assertThat(get(witness, "/demo/customers/6", second).statusCode()).isEqualTo(200);
      assertThat(auditor.awaitEvents(second, 3)).hasSize(3);

      witness.broker().close();
      long reachedTarget = witness.demoApi().requestCount();
      long started = System.nanoTime();
      HttpResponse<String> response = get(witness, "/demo/customers/7", UUID.randomUUID().toString());
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(response.body()).contains("nothing was forwarded");
      assertThat(witness.demoApi().requestCount()).isEqualTo(reachedTarget);
      // The configured timeouts are 5 s; the answer comes within them plus scheduling slack.
      assertThat(took).isLessThan(Duration.ofSeconds(15));
    }
  }
}
