package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.deploy.LauncherRun;
import dev.witness.schemas.config.WitnessConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real kubectl through standalone's Kubernetes listener to the demo cluster, with the demo policy. */
class StandaloneKubernetesIT {

  private static Path dir;
  @AutoClose
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static String banner;

  @BeforeAll
  static void start() throws Exception {
    StartedStandalone started = StartedStandalone.start(WitnessConfig.defaults(), "k8s");
    witness = started.witness();
    dir = started.dataDir();
    banner = started.banner();
    auditor = started.auditor();
  }

  @Test
  void bannerNamesTheListenerAndTheKubeconfig() {
    assertThat(witness.kubeconfig()).isEqualTo(dir.resolve("demo-agent.kubeconfig")).exists();
    assertThat(banner).contains("Kubernetes proxy").contains("demo-agent.kubeconfig")
        .contains("get pods -n demo");
  }

  @Test
  void listingPodsGoesThroughWitnessAndIsEvidence() throws Exception {
    Result pods = kubectl("get", "pods", "-n", "demo");

    assertThat(pods.rc()).as(pods.output()).isZero();
    assertThat(pods.output()).contains("billing-api").contains("orders-worker").contains("crm-sync");
    String events = auditor.awaitEventsContaining("/api/v1/namespaces/demo/pods");
    assertThat(events).contains(DemoCredentials.AGENT_ID);
    String clusterToken = witness.config().proxy().kubernetes().token();
    assertThat(events).doesNotContain(clusterToken);
    assertThat(Files.readString(witness.kubeconfig())).doesNotContain(clusterToken)
        .contains(witness.credentials().agentToken());
  }

  @Test
  void theDemoClusterRefusesCallersWithoutTheClusterToken() throws Exception {
    Process curl = new ProcessBuilder("curl", "-sk", "--max-time", "30", "-o", "/dev/null", "-w", "%{http_code}",
        "-H", "Authorization: Bearer " + witness.credentials().agentToken(),
        witness.config().proxy().kubernetes().apiServer() + "/api/v1/namespaces/demo/pods").start();
    String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(code).isEqualTo("401");
  }

  @Test
  void readingSecretsIsForbiddenNamingTheRule() throws Exception {
    Result secrets = kubectl("get", "secrets", "-n", "demo");

    assertThat(secrets.rc()).isNotZero();
    assertThat(secrets.output()).contains("Forbidden").contains("deny-k8s-secrets");
  }

  @Test
  void deletingAPodIsHeldUntilTheDemoApproverApproves() throws Exception {
    Process delete = kubectlProcess("--request-timeout", "180s", "delete", "pod", "crm-sync", "-n", "demo", "--wait=false");
    JsonNode pending = awaitPendingApproval("approve-k8s-delete");
    assertThat(delete.isAlive()).as("held until approved").isTrue();

    LauncherRun approve = LauncherRun.of("approvals", "approve", pending.path("approvalId").asText(),
        "--reason", "ticket 7", "--url", witness.evidenceApiUrl(), "--token-file",
        witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isZero();

    String output = new String(delete.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(delete.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(delete.exitValue()).as(output).isZero();
    assertThat(output).contains("crm-sync");
    Result pods = kubectl("get", "pods", "-n", "demo");
    assertThat(pods.output()).doesNotContain("crm-sync");
  }

  @Test
  void execIsHeldUntilApprovedThenStreamsAndItsOutputIsMaskedEvidence() throws Exception {
    Process exec = kubectlProcess("--request-timeout", "180s", "exec", "billing-api", "-n", "demo", "--", "env");
    JsonNode pending = awaitPendingApproval("approve-k8s-exec", "billing-api");
    assertThat(exec.isAlive()).as("held until approved").isTrue();

    approve(pending);

    String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exec.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(exec.exitValue()).as(output).isZero();
    assertThat(output).contains("HOSTNAME=billing-api").contains("SUPPORT_CONTACT=")
        .doesNotContain("billing-api-oncall@example.com");
    String events = auditor.awaitEventsContaining("k8s-stream=stdout");
    assertThat(events).contains("/pods/billing-api/exec").contains("HOSTNAME=billing-api")
        .doesNotContain("billing-api-oncall@example.com");

    // The same command again, within the rule's grant window, needs no second approval.
    Result again = kubectl("exec", "billing-api", "-n", "demo", "--", "env");
    assertThat(again.rc()).as(again.output()).isZero();
    assertThat(again.output()).contains("HOSTNAME=billing-api").doesNotContain("billing-api-oncall@example.com");
  }

  @Test
  void anApprovedExecReportsTheCommandsExitStatus() throws Exception {
    Process exec = kubectlProcess("--request-timeout", "180s", "exec", "orders-worker", "-n", "demo", "--",
        "cat", "/etc/hostname", "/etc/shadow");
    approve(awaitPendingApproval("approve-k8s-exec", "orders-worker"));

    String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exec.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("orders-worker").contains("cat: /etc/shadow: No such file or directory")
        .contains("exit code 1");
    assertThat(exec.exitValue()).as(output).isEqualTo(1);
  }

  @Test
  void portForwardIsHeldUntilApprovedThenReachesThePodsStatusPage() throws Exception {
    Process forward = kubectlProcess("--request-timeout", "180s", "port-forward", "pod/billing-api", ":8080",
        "-n", "demo");
    java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(forward.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        // kubectl ended
      }
    });
    try {
      JsonNode pending = awaitPendingApproval("approve-k8s-exec", "portforward");
      assertThat(forward.isAlive()).as("held until approved").isTrue();
      assertThat(lines).noneMatch(l -> l.startsWith("Forwarding from"));

      approve(pending);

      int port = -1;
      java.util.regex.Pattern forwarding = java.util.regex.Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 8080");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (port < 0 && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        java.util.regex.Matcher m = line == null ? null : forwarding.matcher(line);
        if (m != null && m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      assertThat(port).as("kubectl forwards after the approval: " + lines).isPositive();
      Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "60", "http://127.0.0.1:" + port + "/")
          .redirectErrorStream(true).start();
      String page = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(curl.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(page).contains("billing-api: ok");
    } finally {
      forward.destroy();
      forward.waitFor(60, TimeUnit.SECONDS);
      reader.join(10_000);
    }
    String events = auditor.awaitEventsContaining("k8s-stream=portforward");
    assertThat(events).contains("/pods/billing-api/portforward")
        .containsAnyOf("\\\"port\\\":\\\"8080\\\"", "\"port\":\"8080\"");
  }

  private static void approve(JsonNode pending) throws Exception {
    LauncherRun approve = LauncherRun.of("approvals", "approve", pending.path("approvalId").asText(),
        "--reason", "ticket 9", "--url", witness.evidenceApiUrl(), "--token-file",
        witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isZero();
  }

  private static JsonNode awaitPendingApproval(String rule) {
    return awaitPendingApproval(rule, "");
  }

  private static JsonNode awaitPendingApproval(String rule, String mentioning) {
    return new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().approverToken())
        .awaitPendingApproval(rule, mentioning);
  }

  private record Result(int rc, String output) {}

  private static Process kubectlProcess(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", witness.kubeconfig().toString(),
        "--cache-dir", dir.resolve("kube-cache").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    return p;
  }

  private static Result kubectl(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--request-timeout", "60s"));
    all.addAll(List.of(args));
    Process p = kubectlProcess(all.toArray(String[]::new));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
