package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.deploy.LauncherRun;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.WitnessConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real kubectl on SPDY/3.1 for exec ({@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}) through
 * standalone's Kubernetes listener, with the demo policy and the real topologies, to a cluster
 * stand-in that speaks exec over SPDY only: held for the demo approver, approved, the output masked
 * on the way to kubectl and in the ledger, the exit code passed on; and a watch that stays open,
 * each event masked and passed on as it comes (the masking topology releases whole JSON lines).
 */
class StandaloneSpdyExecIT {

  private static Path dir;
  private static SpdyExecCluster cluster;
  private static Standalone witness;
  private static EvidenceClient auditor;

  @BeforeAll
  static void start() throws Exception {
    dir = ScratchDirectory.deletedOnExit("witness-spdy");
    cluster = new SpdyExecCluster();
    StandaloneOptions options = StandaloneOptions.ephemeral(dir);
    WitnessConfig config = Standalone.withDemoCluster(WitnessConfig.defaults(), options, cluster.url(),
        "spdy-cluster-token", dir);
    witness = Standalone.start(config, options, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    auditor = new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().auditorToken());
  }

  @AfterAll
  static void stop() {
    if (witness != null) {
      witness.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSpdyExecIsHeldUntilApprovedThenItsOutputIsMaskedForKubectlAndInTheLedger() throws Exception {
    Process exec = kubectl("exec", "billing-api", "-n", "demo", "--", "env");
    JsonNode pending = awaitPendingApproval("billing-api");
    assertThat(exec.isAlive()).as("held until approved").isTrue();
    assertThat(cluster.paths).noneMatch(p -> p.contains("/billing-api/exec"));

    approve(pending);

    String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exec.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(exec.exitValue()).as(output).isZero();
    assertThat(output).contains("HOSTNAME=billing-api").contains("SUPPORT_CONTACT=")
        .doesNotContain(SpdyExecCluster.supportContact("billing-api"));
    assertThat(cluster.paths).anyMatch(p -> p.startsWith("POST /api/v1/namespaces/demo/pods/billing-api/exec"));
    String events = auditor.awaitEventsContaining("k8s-stream=stdout");
    assertThat(events).contains("/pods/billing-api/exec").contains("HOSTNAME=billing-api")
        .doesNotContain(SpdyExecCluster.supportContact("billing-api"));
  }

  @Test
  void aWatchPassesEachEventMaskedWhileTheStreamIsStillOpen() throws Exception {
    Process watch = kubectl("get", "pods", "-n", "demo", "--watch-only", "-o", "json");
    java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getInputStream(),
          StandardCharsets.UTF_8))) {
        r.lines().forEach(lines::add);
      } catch (java.io.IOException ignored) {
        // the watch was stopped
      }
    });
    try {
      // The stand-in never ends the stream: both events must reach kubectl while it is open.
      Awaitility.await().atMost(Duration.ofSeconds(90))
          .until(() -> String.join("\n", lines).contains("\"revision\": \"modified\""));
      assertThat(watch.isAlive()).isTrue();
      String seen = String.join("\n", lines);
      assertThat(seen).contains("\"revision\": \"added\"").contains("watched-pod")
          .doesNotContain(SpdyExecCluster.supportContact("watched-pod"));
    } finally {
      watch.destroy();
      reader.join(Duration.ofSeconds(10));
    }
    String events = auditor.awaitEventsContaining("modified");
    assertThat(events).contains("watched-pod").doesNotContain(SpdyExecCluster.supportContact("watched-pod"));
  }

  @Test
  void theCommandsExitCodeReachesKubectl() throws Exception {
    Process exec = kubectl("exec", "orders-worker", "-n", "demo", "--", "false");
    approve(awaitPendingApproval("orders-worker"));

    String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exec.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(exec.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("exiting 1 for").contains("exit code 1")
        .doesNotContain(SpdyExecCluster.supportContact("orders-worker"));
  }

  private static JsonNode awaitPendingApproval(String mentioning) {
    return new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().approverToken())
        .awaitPendingApproval("approve-k8s-exec", mentioning);
  }

  private static void approve(JsonNode pending) {
    LauncherRun approve = LauncherRun.of("approvals", "approve", pending.path("approvalId").asText(),
        "--reason", "ticket 11", "--url", witness.evidenceApiUrl(), "--token-file",
        witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isZero();
  }

  private static Process kubectl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", witness.kubeconfig().toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "180s"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().put("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false");
    Process p = builder.start();
    p.getOutputStream().close();
    return p;
  }
}
