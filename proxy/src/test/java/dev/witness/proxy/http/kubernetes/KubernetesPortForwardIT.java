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
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code kubectl port-forward} through the Kubernetes listener to a Netty API stand-in that
 * speaks SPDY/3.1 tunnelled in WebSocket and joins each forwarded connection to a TCP echo
 * server, over the real broker; a test responder stands in for the verdict and masking topologies.
 */
class KubernetesPortForwardIT {

  private static final String AGENT_TOKEN = "it-pf-agent-token-77c1";
  private static final String CLUSTER_TOKEN = "cluster-admin-token-pf-31aa";
  private static final int REPLY_PARTITION = 5;
  private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 9000");

  @TempDir
  static Path dir;

  private static StreamsStandIn streams;
  private static TestResponder responder;
  private static PortForwardStandIn api;
  private static KubernetesProxyListener proxy;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    streams = StreamsStandIn.start(REPLY_PARTITION, KubernetesPortForwardIT::policy, b -> b);
    responder = streams.responder();
    api = PortForwardStandIn.start();
    TestCertificates tls = TestCertificates.create(dir);
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, Duration.ofSeconds(5), HttpProxyConfig.defaults(), null)
        .withApprovalHold(Duration.ofSeconds(1))
        .withKubernetes(new KubernetesProxyConfig("127.0.0.1:0", "kubernetes:pf-it", api.url(), CLUSTER_TOKEN, null,
            null, null, false, tls.certFile().toString(), tls.keyFile().toString()));
    proxy = KubernetesProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig("pf-agent", AgentAuthenticator.sha256Hex(AGENT_TOKEN), null))),
        streams.publisher(), streams.replies());
    kubeconfig = AgentKubeconfig.write(dir.resolve("agent.kubeconfig"), "https://127.0.0.1:" + proxy.port(),
        tls.certFile(), AGENT_TOKEN, "witness");
  }

  @AfterAll
  static void stop() {
    Closing.inOrder(proxy, streams, api);
  }

  /** Stands in for the verdict topology: port-forward to approved-* pods is allowed, any other waits for approval. */
  private static Decision policy(RequestIntercepted request) {
    if (request.getBody() instanceof KubernetesRequest k && "portforward".equals(k.getSubresource())) {
      return k.getName().startsWith("approved-") ? Decision.ALLOW : Decision.REQUIRE_APPROVAL;
    }
    return Decision.ALLOW;
  }

  @Test
  void anApprovedPortForwardCarriesDataBothWaysAndItsStreamsAreRecorded() throws Exception {
    forwardsAndRecords("approved-web", false);
  }

  @Test
  void anApprovedPortForwardOverASpdyUpgradeIsRelayedAndRecordedAlike() throws Exception {
    forwardsAndRecords("approved-spdy", true);
    assertThat(api.paths).anyMatch(p -> p.startsWith("POST /api/v1/namespaces/default/pods/approved-spdy/portforward"));
  }

  private void forwardsAndRecords(String pod, boolean spdy) throws Exception {
    String sent = "hello through witness 123-45-6789\n";
    Process kubectl = kubectl(spdy, "port-forward", pod, ":9000", "-n", "default");
    BlockingQueue<String> lines = lines(kubectl.getInputStream());
    try {
      int port = awaitForwardingPort(lines);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(sent.getBytes(StandardCharsets.UTF_8));
        out.flush();
        byte[] echoed = socket.getInputStream().readNBytes(sent.length());
        assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo(sent);
      }
      assertThat(api.dataStreamPorts).contains("9000");
    } finally {
      kubectl.destroy();
      kubectl.waitFor(60, TimeUnit.SECONDS);
      System.out.println("KUBECTL-OUT " + String.join("\nKUBECTL-OUT ", lines));
    }

    String requestId = responder.requests.stream()
        .filter(r -> r.getBody() instanceof KubernetesRequest k && pod.equals(k.getName())
            && "portforward".equals(k.getSubresource()))
        .map(RequestIntercepted::getRequestId).findFirst().orElseThrow();
    List<String> records = chunksOf(requestId).stream()
        .filter(c -> c.getContentType() != null && c.getContentType().contains("k8s-stream=portforward"))
        .map(KubernetesPortForwardIT::text).toList();
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"event\":\"open\"")
        .contains("\"streamType\":\"data\"").contains("\"port\":\"9000\""));
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"event\":\"open\"")
        .contains("\"streamType\":\"error\""));
    int n = sent.length();
    assertThat(records).anySatisfy(r -> assertThat(r).contains("\"event\":\"close\"")
        .contains("\"streamType\":\"data\"").contains("\"bytesToCluster\":" + n).contains("\"bytesToAgent\":" + n));
    assertThat(records).last().asString().contains("\"event\":\"session-end\"");
    // Forwarded data is counted, never kept.
    assertThat(responder.chunks).noneSatisfy(c -> assertThat(text(c)).contains("hello through witness"));
  }

  @Test
  void aPortForwardWithoutApprovalNeverReachesTheCluster() throws Exception {
    // kubectl opens the tunnel before it listens locally: without an approval it ends there.
    Process kubectl = kubectl("port-forward", "held-web", ":9000", "-n", "default");
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(90, TimeUnit.SECONDS)).isTrue();

    assertThat(kubectl.exitValue()).as(output).isNotZero();
    assertThat(output).contains("Approval required").doesNotContain("Forwarding from");
    assertThat(api.paths).noneMatch(p -> p.contains("/held-web/portforward"));
  }

  private static int awaitForwardingPort(BlockingQueue<String> lines) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      seen.add(line);
      Matcher m = FORWARDING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    lines.drainTo(seen);
    throw new AssertionError("kubectl port-forward did not start: " + seen);
  }

  /** Every line kubectl prints, as it prints it (the queue keeps them for later inspection too). */
  private static BlockingQueue<String> lines(InputStream in) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        // kubectl ended
      }
    }, "kubectl-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static List<ResponseChunk> chunksOf(String requestId) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> responder.chunks.stream()
        .anyMatch(c -> c.getRequestId().equals(requestId) && c.getLast()));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> responder.chunks.stream()
        .anyMatch(c -> c.getRequestId().equals(requestId) && text(c).contains("session-end")));
    return responder.chunks.stream().filter(c -> c.getRequestId().equals(requestId))
        .sorted(Comparator.comparingInt(ResponseChunk::getChunkIndex)).toList();
  }

  private static String text(ResponseChunk chunk) {
    return StandardCharsets.UTF_8.decode(chunk.getPayload().duplicate()).toString();
  }

  private static Process kubectl(String... args) throws Exception {
    return kubectl(false, args);
  }

  private static Process kubectl(boolean spdy, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "30s"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (spdy) {
      builder.environment().put("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
    }
    Process p = builder.start();
    p.getOutputStream().close();
    return p;
  }
}
