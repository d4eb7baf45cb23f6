package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.embedded.SharedKafka;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.http.KubernetesProxyListener;
import dev.witness.proxy.publish.KafkaEventPublisher;
import dev.witness.proxy.publish.KafkaReplyChannel;
import dev.witness.proxy.publish.TestResponder;
import dev.witness.proxy.publish.TestTopics;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.KubernetesProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
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

  private static EmbeddedSchemaRegistry registry;
  private static RestSchemaRegistryClient proxyRegistry;
  private static RestSchemaRegistryClient responderRegistry;
  private static KubeApiStandIn api;
  private static TestResponder responder;
  private static KafkaEventPublisher publisher;
  private static KafkaReplyChannel replies;
  private static KubernetesProxyListener proxy;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.create(bootstrap);
    registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    proxyRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    responderRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    api = KubeApiStandIn.start();
    responder = TestResponder.start(bootstrap, responderRegistry, KubernetesProxyIT::policy,
        b -> new String(b, StandardCharsets.UTF_8).replaceAll("\\d{3}-\\d{2}-\\d{4}", "***-**-****")
            .getBytes(StandardCharsets.UTF_8));
    publisher = KafkaEventPublisher.create(bootstrap, proxyRegistry, Duration.ofSeconds(5));
    replies = KafkaReplyChannel.start(bootstrap, proxyRegistry, REPLY_PARTITION, Duration.ofSeconds(30));
    TestCertificates tls = TestCertificates.create(dir);
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, Duration.ofSeconds(5), HttpProxyConfig.defaults(), null)
        .withApprovalHold(Duration.ofSeconds(1))
        .withKubernetes(new KubernetesProxyConfig("127.0.0.1:0", "kubernetes:it", api.url(), CLUSTER_TOKEN, null, null,
            null, true, tls.certFile().toString(), tls.keyFile().toString()));
    proxy = KubernetesProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig("k8s-agent", AgentAuthenticator.sha256Hex(AGENT_TOKEN), null))),
        publisher, replies);
    kubeconfig = AgentKubeconfig.write(dir.resolve("agent.kubeconfig"), "https://127.0.0.1:" + proxy.port(),
        tls.certFile(), AGENT_TOKEN, "witness");
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {proxy, replies, publisher, responder, proxyRegistry, responderRegistry,
        registry, api}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  /** Stands in for the verdict topology: reading secrets is denied, exec needs approval, the rest is allowed. */
  private static Decision policy(RequestIntercepted request) {
    if (request.getBody() instanceof KubernetesRequest k && k.getResource().equals("secrets")) {
      return Decision.DENY;
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
    assertThat(api.paths()).noneMatch(p -> p.contains("/exec"));
    assertThat(recordedCalls()).anySatisfy(k -> {
      assertThat(k.getResource()).isEqualTo("pods");
      assertThat(k.getName()).isEqualTo("web-1");
      assertThat(k.getSubresource()).isEqualTo("exec");
    });
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
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
