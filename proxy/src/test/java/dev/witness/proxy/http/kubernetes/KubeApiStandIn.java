package dev.witness.proxy.http.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Queue;

/**
 * A real HTTPS Kubernetes API stand-in: fabric8's mock server in CRUD mode (objects created are
 * stored, listed, patched and deleted), plus the legacy discovery documents kubectl reads first.
 */
public final class KubeApiStandIn implements AutoCloseable {

  private final KubernetesMockServer server;

  private final Recording recording;

  private KubeApiStandIn(KubernetesMockServer server, Recording recording) {
    this.server = server;
    this.recording = recording;
  }

  /** "METHOD path?query" of every request that reached the stand-in, in order. */
  public List<String> paths() {
    return List.copyOf(recording.paths);
  }

  /** The Authorization header of every request that reached the stand-in. */
  public List<String> authorizations() {
    return List.copyOf(recording.authorizations);
  }

  public static KubeApiStandIn start() throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Recording recording = new Recording(new KubernetesCrudDispatcher());
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, recording, true);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return new KubeApiStandIn(server, recording);
  }

  /** Serves discovery, records what arrived, and hands everything else to the CRUD store. */
  private static final class Recording extends Dispatcher {
    private final KubernetesCrudDispatcher crud;
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    Recording(KubernetesCrudDispatcher crud) {
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      paths.add(request.getMethod() + " " + path);
      authorizations.add(String.valueOf(request.getHeader("Authorization")));
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      String discovery = switch (bare) {
        case "/api" -> """
            {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0",\
            "serverAddress":"127.0.0.1:443"}]}""";
        case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        case "/api/v1" -> """
            {"kind":"APIResourceList","groupVersion":"v1","resources":[%s,%s,%s,%s,%s]}""".formatted(
            resource("pods", "Pod", true, "po"), resource("configmaps", "ConfigMap", true, "cm"),
            resource("secrets", "Secret", true, null), resource("namespaces", "Namespace", false, "ns"),
            resource("pods/log", "Pod", true, null));
        case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}";
        default -> null;
      };
      if (discovery != null) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(discovery);
      }
      // The CRUD store sends JSON without a Content-Type; typed clients would then assume protobuf.
      return crud.dispatch(request).setHeader("Content-Type", "application/json");
    }
  }

  private static String resource(String name, String kind, boolean namespaced, String shortName) {
    return """
        {"name":"%s","singularName":"%s","namespaced":%s,"kind":"%s",\
        "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]%s}""".formatted(
        name, kind.toLowerCase(java.util.Locale.ROOT), namespaced, kind,
        shortName == null ? "" : ",\"shortNames\":[\"" + shortName + "\"]");
  }

  /** e.g. {@code https://127.0.0.1:43121}. */
  public String url() {
    return "https://127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
