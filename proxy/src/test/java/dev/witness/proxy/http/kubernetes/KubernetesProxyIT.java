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
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kubectl, with a Witness-issued kubeconfig, through the Kubernetes listener to a real HTTPS
 * API stand-in (fabric8 mock server, CRUD mode), over the real broker; a test responder stands in
 * for the verdict and masking topologies (reading secrets is denied, SSN-like values masked).
 */
class KubernetesProxyIT {

  private static final String AGENT_TOKEN = "it-k8s-agent-token-5c1e";
  private static final String CLUSTER_TOKEN = "cluster-admin-token-9f2b";
  private static final int REPLY_PARTITION = 4;

  @TempDir
  static Path dir;

  private static StreamsStandIn streams;
  private static TestResponder responder;
  private static KubeApiStandIn api;
  private static KubernetesProxyListener proxy;
  private static Path kubeconfig;
  private static Path certFile;

  @BeforeAll
  static void start() throws Exception {
    streams = StreamsStandIn.start(REPLY_PARTITION, KubernetesProxyIT::policy,
        b -> new String(b, StandardCharsets.UTF_8).contains("UNMASKABLE") ? null
            : new String(b, StandardCharsets.UTF_8).replaceAll("\\d{3}-\\d{2}-\\d{4}", "***-**-****")
                .getBytes(StandardCharsets.UTF_8));
    responder = streams.responder();
    api = KubeApiStandIn.start();
    TestCertificates tls = TestCertificates.create(dir);
    certFile = tls.certFile();
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, Duration.ofSeconds(5), HttpProxyConfig.defaults(), null)
        .withApprovalHold(Duration.ofSeconds(1))
        .withKubernetes(new KubernetesProxyConfig("127.0.0.1:0", "kubernetes:it", api.url(), CLUSTER_TOKEN, null, null,
            null, true, tls.certFile().toString(), tls.keyFile().toString()));
    proxy = KubernetesProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig("k8s-agent", AgentAuthenticator.sha256Hex(AGENT_TOKEN), null))),
        streams.publisher(), streams.replies());
    kubeconfig = AgentKubeconfig.write(dir.resolve("agent.kubeconfig"), "https://127.0.0.1:" + proxy.port(),
        tls.certFile(), AGENT_TOKEN, "witness");
  }

  @AfterAll
  static void stop() {
    Closing.inOrder(proxy, streams, api);
  }

  /** Stands in for the verdict topology: reading secrets is denied, exec needs approval, the rest is allowed. */
  private static Decision policy(RequestIntercepted request) {
    if (request.getBody() instanceof KubernetesRequest k && k.getResource().equals("secrets")) {
      return Decision.DENY;
    }
    if (request.getBody() instanceof KubernetesRequest k && "exec".equals(k.getSubresource())
        && (k.getName().startsWith("approved-") || k.getName().startsWith("unmaskable-"))) {
      return Decision.ALLOW;
    }
    if (request.getBody() instanceof KubernetesRequest k && "exec".equals(k.getSubresource())) {
      return Decision.REQUIRE_APPROVAL;
    }
    return Decision.ALLOW;
  }

  @Test
  void applyGetDescribeDeleteGoThroughWitnessRecordedAndMasked() throws Exception {
    Path manifest = Files.writeString(dir.resolve("cm.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: customer-notes
          namespace: default
        data:
          ssn: "123-45-6789"
        """);

    // The stand-in serves no OpenAPI schema, so client-side validation is off.
    Result applied = kubectl("apply", "--validate=false", "-f", manifest.toString());
    assertThat(applied.rc()).as(applied.output()).isZero();
    assertThat(applied.output()).contains("configmap/customer-notes");

    Result got = kubectl("get", "configmap", "customer-notes", "-n", "default", "-o", "json");
    assertThat(got.rc()).as(got.output()).isZero();
    assertThat(got.output()).contains("\"customer-notes\"").contains("***-**-****").doesNotContain("123-45-6789");

    Result described = kubectl("describe", "configmap", "customer-notes", "-n", "default");
    assertThat(described.rc()).as(described.output()).isZero();
    assertThat(described.output()).contains("customer-notes").doesNotContain("123-45-6789");

    Result deleted = kubectl("delete", "configmap", "customer-notes", "-n", "default");
    assertThat(deleted.rc()).as(deleted.output()).isZero();
    assertThat(deleted.output()).contains("deleted");

    List<KubernetesRequest> calls = recordedCalls();
    assertThat(calls).anySatisfy(k -> {
      assertThat(k.getVerb()).isEqualTo("create");
      assertThat(k.getResource()).isEqualTo("configmaps");
      assertThat(k.getNamespace()).isEqualTo("default");
      // The applied object is evidence too (a ConfigMap is recorded as sent).
      assertThat(k.getBody()).contains("\"customer-notes\"").contains("\"kind\":\"ConfigMap\"");
    });
    assertThat(calls).anySatisfy(k -> {
      assertThat(k.getVerb()).isEqualTo("get");
      assertThat(k.getName()).isEqualTo("customer-notes");
    });
    assertThat(calls).anySatisfy(k -> {
      assertThat(k.getVerb()).isEqualTo("delete");
      assertThat(k.getResource()).isEqualTo("configmaps");
      assertThat(k.getName()).isEqualTo("customer-notes");
    });
    // The stand-in saw only the cluster credential, never the agent's Witness token.
    assertThat(api.authorizations()).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("Bearer " + CLUSTER_TOKEN));
  }

  @Test
  void listingPodsIsRecordedAsAList() throws Exception {
    Result pods = kubectl("get", "pods", "-n", "default");
    assertThat(pods.rc()).as(pods.output()).isZero();
    assertThat(recordedCalls()).anySatisfy(k -> {
      assertThat(k.getVerb()).isEqualTo("list");
      assertThat(k.getResource()).isEqualTo("pods");
      assertThat(k.getNamespace()).isEqualTo("default");
      assertThat(k.getPath()).isEqualTo("/api/v1/namespaces/default/pods");
    });
  }

  @Test
  void readingSecretsIsForbiddenWithAStatusAndNeverReachesTheCluster() throws Exception {
    Result secrets = kubectl("get", "secret", "db-password", "-n", "default");

    assertThat(secrets.rc()).isNotZero();
    assertThat(secrets.output()).contains("Error from server (Forbidden)").contains("test-rule");
    assertThat(api.paths()).noneMatch(p -> p.contains("/secrets"));
    assertThat(recordedCalls()).anySatisfy(k -> {
      assertThat(k.getVerb()).isEqualTo("get");
      assertThat(k.getResource()).isEqualTo("secrets");
      assertThat(k.getName()).isEqualTo("db-password");
    });
  }

  @Test
  void creatingASecretIsRecordedWithItsValuesRedacted() throws Exception {
    Path manifest = Files.writeString(dir.resolve("secret.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata:
          name: api-key
          namespace: default
        stringData:
          key: sk-live-4242-do-not-record
        """);

    // create, not apply: apply would first read the Secret, which the policy forbids.
    Result created = kubectl("create", "--validate=false", "-f", manifest.toString());

    assertThat(created.rc()).isNotZero();
    assertThat(created.output()).contains("Forbidden");
    assertThat(recordedCalls()).anySatisfy(k -> {
      assertThat(k.getResource()).isEqualTo("secrets");
      assertThat(k.getBody()).isNotNull().contains("\"key\":\"[REDACTED]\"").contains("\"api-key\"");
    });
    assertThat(responder.requests).allSatisfy(r -> assertThat(r.toString()).doesNotContain("sk-live-4242"));
  }

  @Test
  void execIsHeldForApprovalAndWithoutOneNeverReachesTheCluster() throws Exception {
    Path manifest = Files.writeString(dir.resolve("pod.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: default
        spec:
          containers:
          - name: web
            image: nginx
        """);
    Result created = kubectl("apply", "--validate=false", "-f", manifest.toString());
    assertThat(created.rc()).as(created.output()).isZero();

    Result exec = kubectl("exec", "web-1", "-n", "default", "--", "cat", "/etc/hostname");

    assertThat(exec.rc()).isNotZero();
    assertThat(exec.output()).contains("Approval required").contains("appr-1");
    assertThat(api.paths()).noneMatch(p -> p.contains("/web-1/exec"));
    assertThat(recordedCalls()).anySatisfy(k -> {
      assertThat(k.getResource()).isEqualTo("pods");
      assertThat(k.getName()).isEqualTo("web-1");
      assertThat(k.getSubresource()).isEqualTo("exec");
    });
  }

  @Test
  void allowedExecStreamsOverWebSocketRecordedAndMasked() throws Exception {
    createPod("approved-shell");

    Result exec = kubectl("exec", "approved-shell", "-n", "default", "--", "cat", "/customers.txt");

    assertThat(exec.rc()).as(exec.output()).isZero();
    assertThat(exec.output()).contains("customer ssn ***-**-****").contains("warning: stand-in shell")
        .doesNotContain("123-45-6789");
    assertThat(api.paths()).anyMatch(p -> p.startsWith("GET /api/v1/namespaces/default/pods/approved-shell/exec"));
    String requestId = requestIdOf("approved-shell");
    List<ResponseChunk> chunks = chunksOf(requestId);
    assertThat(chunks).anySatisfy(c -> {
      assertThat(c.getContentType()).contains("k8s-stream=stdout");
      assertThat(text(c)).contains("customer ssn");
    });
    assertThat(chunks).anySatisfy(c -> assertThat(c.getContentType()).contains("k8s-stream=stderr"));
    assertThat(chunks).anySatisfy(c -> assertThat(c.getContentType()).contains("k8s-stream=error"));
    assertThat(chunks.get(0).getHead()).isInstanceOfSatisfying(HttpResponseHead.class,
        h -> assertThat(h.getStatus()).isEqualTo(101));
    assertThat(chunks).last().satisfies(c -> {
      assertThat(c.getLast()).isTrue();
      assertThat(c.getError()).isNull();
    });
  }

  @Test
  void execStdinIsRecordedBeforeItReachesTheClusterAndTheEchoIsMasked() throws Exception {
    createPod("approved-cat");

    Result exec = kubectlWithInput("hello 987-65-4321\n", "exec", "-i", "approved-cat", "-n", "default", "--", "cat");

    assertThat(exec.rc()).as(exec.output()).isZero();
    assertThat(exec.output()).contains("echo: hello ***-**-****").doesNotContain("987-65-4321");
    assertThat(api.stdin()).contains("hello 987-65-4321\n");
    List<ResponseChunk> chunks = chunksOf(requestIdOf("approved-cat"));
    assertThat(chunks).anySatisfy(c -> {
      assertThat(c.getContentType()).contains("k8s-stream=stdin");
      assertThat(text(c)).isEqualTo("hello 987-65-4321\n");
    });
  }

  @Test
  void followedLogsAreRecordedAndMaskedLineByLine() throws Exception {
    createPod("logger-1");

    Result logs = kubectl("logs", "-f", "logger-1", "-n", "default");

    assertThat(logs.rc()).as(logs.output()).isZero();
    assertThat(logs.output()).contains("starting\nuser ssn ***-**-**** logged in\ndone\n")
        .doesNotContain("111-22-3333");
    String requestId = responder.requests.stream()
        .filter(r -> r.getBody() instanceof KubernetesRequest k && "logger-1".equals(k.getName())
            && "log".equals(k.getSubresource()))
        .map(RequestIntercepted::getRequestId).findFirst().orElseThrow();
    // The stand-in sends the lines in one body; each recorded chunk is exactly one whole line.
    assertThat(chunksOf(requestId).stream().map(KubernetesProxyIT::text).filter(t -> !t.isEmpty()))
        .containsExactly("starting\n", "user ssn 111-22-3333 logged in\n", "done\n");
  }

  @Test
  void watchEventsAreRecordedAndMaskedOneByOne() throws Exception {
    Result watch = kubectl("get", "configmaps", "-n", "watched", "--watch-only", "-o", "json");

    assertThat(watch.output()).contains("***-**-****").doesNotContain("222-33-4444").doesNotContain("333-44-5555");
    String requestId = responder.requests.stream()
        .filter(r -> r.getBody() instanceof KubernetesRequest k && "watch".equals(k.getVerb())
            && "watched".equals(k.getNamespace()))
        .map(RequestIntercepted::getRequestId).findFirst().orElseThrow();
    List<String> events = chunksOf(requestId).stream().map(KubernetesProxyIT::text).filter(t -> !t.isEmpty()).toList();
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("{\"type\":\"ADDED\"").endsWith("}\n");
    assertThat(events.get(1)).startsWith("{\"type\":\"MODIFIED\"").endsWith("}\n");
  }

  @Test
  void execOutputThatCannotBeMaskedEndsTheStreamWithAClearError() throws Exception {
    createPod("unmaskable-shell");

    Result exec = kubectl("exec", "unmaskable-shell", "-n", "default", "--", "cat", "/data");

    assertThat(exec.rc()).isNotZero();
    assertThat(exec.output()).contains("witness could not record the stdout stream").doesNotContain("UNMASKABLE");
    assertThat(chunksOf(requestIdOf("unmaskable-shell"))).last().satisfies(c -> {
      assertThat(c.getLast()).isTrue();
      assertThat(c.getError()).contains("could not record");
    });
  }

  @Test
  void anUpgradeToAnotherProtocolIsRefusedWithAStatusNamingTheRelayedOnes() throws Exception {
    Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "30", "--cacert", certFile.toString(),
        "-H", "Authorization: Bearer " + AGENT_TOKEN, "-H", "Connection: Upgrade", "-H", "Upgrade: h2c",
        "-X", "POST", "https://127.0.0.1:" + proxy.port()
            + "/api/v1/namespaces/default/pods/approved-h2c/exec?command=ls&stdout=true",
        "-w", "\nstatus=%{http_code}").redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor(60, TimeUnit.SECONDS);

    assertThat(out).contains("status=400").contains("\"kind\":\"Status\"")
        .contains("Stream protocol not relayed").contains("WebSocket or SPDY/3.1");
    assertThat(api.paths()).noneMatch(p -> p.contains("approved-h2c"));
  }

  private static void createPod(String name) throws Exception {
    Path manifest = Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: default
        spec:
          containers:
          - name: shell
            image: busybox
        """.formatted(name));
    Result created = kubectl("apply", "--validate=false", "-f", manifest.toString());
    assertThat(created.rc()).as(created.output()).isZero();
  }

  private static String requestIdOf(String pod) {
    return responder.requests.stream()
        .filter(r -> r.getBody() instanceof KubernetesRequest k && pod.equals(k.getName())
            && "exec".equals(k.getSubresource()))
        .map(RequestIntercepted::getRequestId).findFirst().orElseThrow();
  }

  private static List<ResponseChunk> chunksOf(String requestId) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> responder.chunks.stream()
        .anyMatch(c -> c.getRequestId().equals(requestId) && c.getLast()));
    return responder.chunks.stream().filter(c -> c.getRequestId().equals(requestId))
        .sorted(java.util.Comparator.comparingInt(ResponseChunk::getChunkIndex)).toList();
  }

  private static String text(ResponseChunk chunk) {
    return StandardCharsets.UTF_8.decode(chunk.getPayload().duplicate()).toString();
  }

  private static List<KubernetesRequest> recordedCalls() {
    List<KubernetesRequest> calls = new ArrayList<>();
    for (RequestIntercepted r : responder.requests) {
      if (r.getBody() instanceof KubernetesRequest k) {
        assertThat(r.getHeader().getProtocol()).isEqualTo(Protocol.KUBERNETES);
        calls.add(k);
      }
    }
    return calls;
  }

  private record Result(int rc, String output) {}

  private static Result kubectl(String... args) throws Exception {
    return kubectlWithInput(null, args);
  }

  private static Result kubectlWithInput(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
