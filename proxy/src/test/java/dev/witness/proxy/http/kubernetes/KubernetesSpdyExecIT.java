package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.Closing;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.http.KubernetesProxyListener;
import dev.witness.proxy.publish.StreamsStandIn;
import dev.witness.proxy.publish.TestResponder;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.KubernetesProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kubectl forced onto SPDY/3.1 for exec ({@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}, as
 * older kubectl and client libraries speak it) through the Kubernetes listener to a Netty API
 * stand-in speaking remote-command v4 over SPDY with strict flow control, over the real broker; a
 * test responder stands in for the verdict, approval and masking topologies (SSN-like values are
 * masked to a shorter {@code [ssn]}, so the relay must re-frame what it sends to kubectl).
 */
class KubernetesSpdyExecIT {

  private static final String AGENT_TOKEN = "it-spdy-agent-token-0b7d";
  private static final String CLUSTER_TOKEN = "cluster-admin-token-spdy-8e21";
  private static final int REPLY_PARTITION = 6;
  private static final String SSN = "\\d{3}-\\d{2}-\\d{4}";
  private static final String MASK = "[ssn]";

  @TempDir
  static Path dir;

  private static StreamsStandIn streams;
  private static TestResponder responder;
  private static PortForwardStandIn api;
  private static KubernetesProxyListener proxy;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    streams = StreamsStandIn.start(REPLY_PARTITION, KubernetesSpdyExecIT::policy,
        b -> new String(b, StandardCharsets.UTF_8).contains("UNMASKABLE") ? null
            : new String(b, StandardCharsets.UTF_8).replaceAll(SSN, MASK).getBytes(StandardCharsets.UTF_8));
    responder = streams.responder();
    api = PortForwardStandIn.start();
    TestCertificates tls = TestCertificates.create(dir);
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, Duration.ofSeconds(5), HttpProxyConfig.defaults(), null)
        .withApprovalHold(Duration.ofSeconds(180))
        .withKubernetes(new KubernetesProxyConfig("127.0.0.1:0", "kubernetes:spdy-it", api.url(), CLUSTER_TOKEN,
            null, null, null, false, tls.certFile().toString(), tls.keyFile().toString()));
    proxy = KubernetesProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig("spdy-agent", AgentAuthenticator.sha256Hex(AGENT_TOKEN), null))),
        streams.publisher(), streams.replies());
    kubeconfig = AgentKubeconfig.write(dir.resolve("agent.kubeconfig"), "https://127.0.0.1:" + proxy.port(),
        tls.certFile(), AGENT_TOKEN, "witness");
  }

  @AfterAll
  static void stop() {
    Closing.inOrder(proxy, streams, api);
  }

  /** Stands in for the verdict topology: exec and attach in held-* pods waits for an approval, the rest is allowed. */
  private static Decision policy(RequestIntercepted request) {
    if (request.getBody() instanceof KubernetesRequest k
        && ("exec".equals(k.getSubresource()) || "attach".equals(k.getSubresource()))
        && k.getName().startsWith("held-")) {
      return Decision.REQUIRE_APPROVAL;
    }
    return Decision.ALLOW;
  }

  @Test
  void aSpdyExecIsHeldUntilApprovedThenItsOutputReachesKubectlMaskedAndIsRecorded() throws Exception {
    Process exec = kubectl("exec", "held-shell", "-n", "default", "--", "cat", "/customers.txt");
    RequestIntercepted held = awaitExecRequest("held-shell");
    // The approval is pending: kubectl waits, the cluster has seen nothing of the exec.
    assertThat(exec.isAlive()).isTrue();
    assertThat(api.paths).noneMatch(p -> p.contains("/held-shell/exec"));

    responder.decide(held, Decision.ALLOW);

    Result result = finish(exec);
    assertThat(result.rc()).as(result.output()).isZero();
    assertThat(result.output()).contains("customer ssn [ssn]").contains("warning: stand-in shell")
        .doesNotContain("123-45-6789");
    assertThat(api.paths).anyMatch(p -> p.startsWith("POST /api/v1/namespaces/default/pods/held-shell/exec"));
    List<ResponseChunk> chunks = chunksOf(held.getRequestId());
    assertThat(chunks.get(0).getHead()).isInstanceOfSatisfying(HttpResponseHead.class,
        h -> assertThat(h.getStatus()).isEqualTo(101));
    assertThat(chunks).anySatisfy(c -> {
      assertThat(c.getContentType()).contains("k8s-stream=stdout");
      assertThat(text(c)).isEqualTo("customer ssn 123-45-6789\n");
    });
    assertThat(chunks).anySatisfy(c -> assertThat(c.getContentType()).contains("k8s-stream=stderr"));
    assertThat(chunks).anySatisfy(c -> {
      assertThat(c.getContentType()).contains("k8s-stream=error");
      assertThat(text(c)).contains("Success");
    });
    assertThat(chunks).last().satisfies(c -> {
      assertThat(c.getLast()).isTrue();
      assertThat(c.getError()).isNull();
    });
  }

  @Test
  void aSpdyAttachIsHeldUntilApprovedThenItsOutputReachesKubectlMaskedAndIsRecorded() throws Exception {
    Process attach = kubectl("attach", "held-worker", "-n", "default");
    RequestIntercepted held = awaitStreamRequest("held-worker", "attach");
    assertThat(attach.isAlive()).isTrue();
    assertThat(api.paths).noneMatch(p -> p.contains("/held-worker/attach"));

    responder.decide(held, Decision.ALLOW);

    Result result = finish(attach);
    assertThat(result.rc()).as(result.output()).isZero();
    assertThat(result.output()).contains("worker processed customer ssn [ssn]").doesNotContain("987-65-4321");
    assertThat(api.paths).anyMatch(p -> p.startsWith("POST /api/v1/namespaces/default/pods/held-worker/attach"));
    assertThat(chunksOf(held.getRequestId())).anySatisfy(c -> {
      assertThat(c.getContentType()).contains("k8s-stream=stdout");
      assertThat(text(c)).isEqualTo("worker processed customer ssn 987-65-4321\n");
    });
  }

  @Test
  void theCommandsExitCodeReachesKubectl() throws Exception {
    Result result = finish(kubectl("exec", "approved-fail", "-n", "default", "--", "fail"));

    assertThat(result.rc()).as(result.output()).isEqualTo(3);
    assertThat(result.output()).contains("boom [ssn]").contains("exit code 3").doesNotContain("555-66-7777");
  }

  @Test
  void outputBeyondTheFlowControlWindowsIsReframedMaskedAndComplete() throws Exception {
    // ~190 KiB in DATA frames of whole lines (the stand-in splits none: its windows move by whole frames).
    int rows = 6000;
    Result result = finish(kubectl("exec", "approved-rows", "-n", "default", "--", "rows", String.valueOf(rows)));

    assertThat(result.rc()).as(result.output()).isZero();
    List<String> lines = result.output().lines().filter(l -> l.startsWith("row ")).toList();
    assertThat(lines).hasSize(rows).allSatisfy(l -> assertThat(l).matches("row \\d{5} ssn \\[ssn] paddd"));
    assertThat(lines.get(rows - 1)).startsWith(String.format("row %05d", rows - 1));
    assertThat(result.output()).doesNotContain("123-45-6789");
  }

  @Test
  void stdinBeyondTheClustersWindowIsRecordedAndPassesAsSent() throws Exception {
    // kubectl frames stdin as its reads return: only the first line (surely in the first frame) holds an SSN.
    StringBuilder input = new StringBuilder("hello 987-65-4321\n");
    for (int i = 0; input.length() < 100 * 1024; i++) {
      input.append(String.format("line %05d of plain input%n", i));
    }
    Process exec = kubectl("exec", "-i", "approved-cat", "-n", "default", "--", "cat");
    exec.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
    exec.getOutputStream().close();
    Result result = finish(exec);

    assertThat(result.rc()).as(result.output()).isZero();
    assertThat(result.output()).isEqualTo(input.toString().replace("987-65-4321", MASK));
    assertThat(String.join("", api.stdin)).isEqualTo(input.toString());
    String recordedStdin = chunksOf(awaitExecRequest("approved-cat").getRequestId()).stream()
        .filter(c -> c.getContentType() != null && c.getContentType().contains("k8s-stream=stdin"))
        .map(KubernetesSpdyExecIT::text).reduce("", String::concat);
    assertThat(recordedStdin).isEqualTo(input.toString());
  }

  @Test
  void outputThatCannotBeMaskedEndsTheExecWithAClearError() throws Exception {
    Result result = finish(kubectl("exec", "approved-unmaskable", "-n", "default", "--", "UNMASKABLE"));

    assertThat(result.rc()).isNotZero();
    assertThat(result.output()).contains("witness could not record the stderr stream").doesNotContain("not found");
    assertThat(chunksOf(awaitExecRequest("approved-unmaskable").getRequestId())).last().satisfies(c -> {
      assertThat(c.getLast()).isTrue();
      assertThat(c.getError()).contains("could not record");
    });
  }

  private static RequestIntercepted awaitExecRequest(String pod) {
    return awaitStreamRequest(pod, "exec");
  }

  private static RequestIntercepted awaitStreamRequest(String pod, String subresource) {
    RequestIntercepted[] found = new RequestIntercepted[1];
    Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
      for (RequestIntercepted r : responder.requests) {
        if (r.getBody() instanceof KubernetesRequest k && pod.equals(k.getName())
            && subresource.equals(k.getSubresource())) {
          found[0] = r;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static List<ResponseChunk> chunksOf(String requestId) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> responder.chunks.stream()
        .anyMatch(c -> c.getRequestId().equals(requestId) && c.getLast()));
    return responder.chunks.stream().filter(c -> c.getRequestId().equals(requestId))
        .sorted(Comparator.comparingInt(ResponseChunk::getChunkIndex)).toList();
  }

  private static String text(ResponseChunk chunk) {
    return StandardCharsets.UTF_8.decode(chunk.getPayload().duplicate()).toString();
  }

  private record Result(int rc, String output) {}

  private static Result finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }

  /** kubectl on SPDY/3.1 for exec; stdin stays open for the caller (close it when there is none). */
  private static Process kubectl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "180s"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().put("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false");
    Process p = builder.start();
    if (!List.of(args).contains("-i")) {
      p.getOutputStream().close();
    }
    return p;
  }
}
