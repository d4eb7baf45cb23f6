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
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
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

  /** What arrived on the stdin channel of exec streams, as text. */
  public List<String> stdin() {
    return List.copyOf(recording.stdin);
  }

  /** The Authorization header of every request that reached the stand-in. */
  public List<String> authorizations() {
    return List.copyOf(recording.authorizations);
  }

  public static KubeApiStandIn start() throws Exception {
    offerChannelProtocolV5();
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Recording recording = new Recording(new KubernetesCrudDispatcher());
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, recording, true);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return new KubeApiStandIn(server, recording);
  }

  /**
   * kubectl 1.32 offers only {@code v5.channel.k8s.io} for exec over WebSocket; the mock server's
   * fixed subprotocol list stops at v4 (which our stand-in session speaks identically, v5 only adding
   * the stdin close signal), so v1 is swapped for v5 in that list before the server starts.
   */
  private static void offerChannelProtocolV5() throws ReflectiveOperationException {
    java.lang.reflect.Field field = MockWebServer.class.getDeclaredField("SUPPORTED_WEBSOCKET_SUB_PROTOCOLS");
    field.setAccessible(true);
    String[] protocols = (String[]) field.get(null);
    for (int i = 0; i < protocols.length; i++) {
      if (protocols[i].equals("v1.channel.k8s.io")) {
        protocols[i] = "v5.channel.k8s.io";
      }
    }
  }

  /** Serves discovery, records what arrived, and hands everything else to the CRUD store. */
  private static final class Recording extends Dispatcher {
    private final KubernetesCrudDispatcher crud;
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> stdin = new CopyOnWriteArrayList<>();

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
      if (bare.endsWith("/log") && path.contains("follow=true")) {
        // (The mock's setChunkedBody sends Content-Length with chunked framing, which no client accepts.)
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
            .setBody("starting\nuser ssn 111-22-3333 logged in\ndone\n");
      }
      if (bare.equals("/api/v1/namespaces/watched/configmaps") && path.contains("watch=true")) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
            .setBody(watchEvent("ADDED", "cm-a", "222-33-4444") + watchEvent("MODIFIED", "cm-a", "333-44-5555"));
      }
      if (bare.endsWith("/exec") || bare.endsWith("/attach")) {
        return new MockResponse().withWebSocketUpgrade(new ExecSession(stdin));
      }
      if (discovery != null) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(discovery);
      }
      // The CRUD store sends JSON without a Content-Type; typed clients would then assume protobuf.
      return crud.dispatch(request).setHeader("Content-Type", "application/json");
    }
  }

  /**
   * One exec stream in the v4 channel protocol: without stdin it prints a line holding an SSN on
   * stdout and succeeds; with stdin ({@code stdin=true}) it echoes the first stdin message on stdout.
   */
  private static final class ExecSession extends WebSocketListener {
    private final List<String> stdin;

    ExecSession(List<String> stdin) {
      this.stdin = stdin;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      if (String.valueOf(ws.request().getPath()).contains("/unmaskable-")) {
        ws.send(channel(1, "UNMASKABLE output\n"));
        succeed(ws);
      } else if (!String.valueOf(ws.request().getPath()).contains("stdin=true")) {
        ws.send(channel(1, "customer ssn 123-45-6789\n"));
        ws.send(channel(2, "warning: stand-in shell\n"));
        succeed(ws);
      }
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
      if (bytes.length > 1 && bytes[0] == 0) {
        String text = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        stdin.add(text);
        ws.send(channel(1, "echo: " + text));
        succeed(ws);
      }
    }

    private static void succeed(WebSocket ws) {
      ws.send(channel(3, "{\"metadata\":{},\"status\":\"Success\"}"));
      ws.close(1000, "");
    }

    private static byte[] channel(int channel, String text) {
      byte[] data = text.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[data.length + 1];
      out[0] = (byte) channel;
      System.arraycopy(data, 0, out, 1, data.length);
      return out;
    }
  }

  private static String watchEvent(String type, String name, String ssn) {
    return "{\"type\":\"%s\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"watched\",\"resourceVersion\":\"%d\"},\"data\":{\"ssn\":\"%s\"}}}\n"
        .formatted(type, name, type.length(), ssn);
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
