package dev.witness.deploy.demo;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo Kubernetes API: fabric8's mock server in CRUD mode over HTTPS, seeded with namespace
 * {@code demo}, three pods and a ConfigMap holding a synthetic e-mail. Only callers presenting the
 * cluster token (which only Witness holds) get past 401. Exec and attach open a real WebSocket
 * stream in the channel protocol kubectl speaks ({@link DemoExecSession} over {@link DemoShell});
 * port-forward opens a real SPDY/3.1 session tunnelled in WebSocket ({@link DemoPortForwardSession}),
 * reaching each pod's tiny HTTP status page on port {@value DemoPortForwardSession#HTTP_PORT}.
 */
public final class DemoKubernetesApi implements AutoCloseable {

  // Held strongly: java.util.logging keeps loggers weakly, and a collected one would lose its level.
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private static final Logger LOG = LoggerFactory.getLogger(DemoKubernetesApi.class);
  public static final String NAMESPACE = "demo";

  private final KubernetesMockServer server;

  private DemoKubernetesApi(KubernetesMockServer server) {
    this.server = server;
  }

  /** Starts on {@code host}, port 0 (only Witness talks to it), requiring {@code clusterToken}. */
  public static DemoKubernetesApi start(String host, String clusterToken) {
    // The mock server logs every request through java.util.logging onto the console; the proxy's own records suffice.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    offerChannelProtocolV5();
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new TokenCheck(crud, "Bearer " + clusterToken), true);
    try {
      server.init(InetAddress.getByName(host), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("demo Kubernetes API: cannot resolve host=" + host, e);
    }
    DemoKubernetesApi api = new DemoKubernetesApi(server);
    try {
      seed(crud);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    LOG.info("demo kubernetes api started url={}", api.url());
    return api;
  }

  /** Seeds the store directly through the CRUD dispatcher's own client, bypassing the token check. */
  private static void seed(KubernetesCrudDispatcher crud) {
    KubernetesMockServer seeder = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), crud, false);
    try {
      seeder.init(InetAddress.getLoopbackAddress(), 0);
      try (KubernetesClient client = seeder.createClient()) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .create();
        for (String name : new String[] {"billing-api", "orders-worker", "crm-sync"}) {
          client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
              .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", name).endMetadata()
              .withNewSpec().addNewContainer().withName(name).withImage("registry.example/" + name + ":1.0")
              .addNewEnv().withName("SUPPORT_CONTACT").withValue(DemoShell.supportContact(name)).endEnv()
              .addNewPort().withName("http").withContainerPort(DemoPortForwardSession.HTTP_PORT).endPort()
              .endContainer().endSpec()
              .withNewStatus().withPhase("Running").endStatus().build()).create();
        }
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
            .withNewMetadata().withName("crm-settings").withNamespace(NAMESPACE).endMetadata()
            .addToData(Map.of("escalationEmail", "jane.doe@example.com")).build()).create();
      }
    } finally {
      seeder.destroy();
    }
  }

  /**
   * kubectl 1.32 offers only {@code v5.channel.k8s.io} for exec over WebSocket and
   * {@code SPDY/3.1+portforward.k8s.io} for port-forward, but the mock server's fixed subprotocol
   * list (v1..v4) is all it negotiates; v1 and v2, which no current client asks for, are swapped
   * for those two in that list before the server starts. {@link DemoExecSession} speaks v5 (v4
   * plus the stdin close signal).
   */
  private static void offerChannelProtocolV5() {
    try {
      java.lang.reflect.Field field = MockWebServer.class.getDeclaredField("SUPPORTED_WEBSOCKET_SUB_PROTOCOLS");
      field.setAccessible(true);
      String[] protocols = (String[]) field.get(null);
      for (int i = 0; i < protocols.length; i++) {
        if (protocols[i].equals("v1.channel.k8s.io")) {
          protocols[i] = "v5.channel.k8s.io";
        } else if (protocols[i].equals("v2.channel.k8s.io")) {
          protocols[i] = DemoPortForwardSession.TUNNEL;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("demo kubernetes api cannot offer v5.channel.k8s.io and {}; kubectl exec and port-forward will fail"
          + " error=\"{}\"", DemoPortForwardSession.TUNNEL, e.toString());
    }
  }

  /** e.g. {@code https://127.0.0.1:43121}. */
  public String url() {
    return "https://" + server.getHostName() + ":" + server.getPort();
  }

  @Override
  public void close() {
    server.destroy();
  }

  /** Rejects requests without the cluster token, serves discovery, hands the rest to the CRUD store. */
  private static final class TokenCheck extends Dispatcher {
    private final KubernetesCrudDispatcher crud;
    private final String expected;

    TokenCheck(KubernetesCrudDispatcher crud, String expected) {
      this.crud = crud;
      this.expected = expected;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (!expected.equals(request.getHeader("Authorization"))) {
        return json(401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Unauthorized\","
            + "\"message\":\"Unauthorized\",\"code\":401}");
      }
      String path = request.getPath();
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      String discovery = switch (bare) {
        case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:443\"}]}";
        case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        case "/api/v1" -> "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
            + resource("pods", "Pod", true, "po") + "," + resource("configmaps", "ConfigMap", true, "cm") + ","
            + resource("secrets", "Secret", true, null) + "," + resource("namespaces", "Namespace", false, "ns") + "]}";
        case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}";
        default -> null;
      };
      if (bare.endsWith("/exec") || bare.endsWith("/attach")) {
        return new MockResponse().withWebSocketUpgrade(DemoExecSession.forPath(path));
      }
      if (bare.endsWith("/portforward")) {
        return new MockResponse().withWebSocketUpgrade(DemoPortForwardSession.forPath(path));
      }
      if (discovery != null) {
        return json(200, discovery);
      }
      // The CRUD store answers without a Content-Type; kubectl would then assume protobuf.
      return crud.dispatch(request).setHeader("Content-Type", "application/json");
    }

    private static MockResponse json(int code, String body) {
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String resource(String name, String kind, boolean namespaced, String shortName) {
      return "{\"name\":\"" + name + "\",\"singularName\":\"" + kind.toLowerCase(java.util.Locale.ROOT)
          + "\",\"namespaced\":" + namespaced + ",\"kind\":\"" + kind + "\",\"verbs\":[\"create\",\"delete\","
          + "\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]"
          + (shortName == null ? "" : ",\"shortNames\":[\"" + shortName + "\"]") + "}";
    }
  }
}
