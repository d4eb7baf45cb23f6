package dev.witness.deploy.demo;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One exec or attach stream of the demo cluster in the Kubernetes channel protocol (v4/v5: a
 * channel byte, then data; 0 stdin, 1 stdout, 2 stderr, 3 the final Status): runs the command in
 * {@link DemoShell}, or, for {@code cat} with stdin and for attach, echoes stdin until the agent
 * closes it (v5's {@code [255, 0]}). The exit status ends the stream as a Status on channel 3.
 */
final class DemoExecSession extends WebSocketListener {

  private static final int STDIN = 0;
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int ERROR = 3;
  private static final int CLOSE_SIGNAL = 255;

  private final String pod;
  private final List<String> command;
  private final boolean echoStdin;
  private boolean done;

  private DemoExecSession(String pod, List<String> command, boolean echoStdin) {
    this.pod = pod;
    this.command = command;
    this.echoStdin = echoStdin;
  }

  /** The session for {@code path} ({@code /api/v1/namespaces/<ns>/pods/<pod>/exec?command=...}). */
  static DemoExecSession forPath(String path) {
    URI uri = URI.create(path);
    String[] segments = uri.getRawPath().split("/");
    String pod = segments.length >= 2 ? segments[segments.length - 2] : "";
    List<String> command = new ArrayList<>();
    boolean stdin = false;
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (name.equals("command")) {
          command.add(value);
        } else if (name.equals("stdin")) {
          stdin = value.equals("true") || value.equals("1");
        }
      }
    }
    boolean attach = uri.getRawPath().endsWith("/attach");
    boolean echo = stdin && (attach || command.equals(List.of("cat")));
    return new DemoExecSession(pod, command, echo);
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    if (echoStdin) {
      return;
    }
    DemoShell.Result result = DemoShell.run(pod, command);
    if (!result.stdout().isEmpty()) {
      ws.send(channel(STDOUT, result.stdout()));
    }
    if (!result.stderr().isEmpty()) {
      ws.send(channel(STDERR, result.stderr()));
    }
    finish(ws, result.exitCode());
  }

  @Override
  public void onMessage(WebSocket ws, byte[] bytes) {
    if (!echoStdin || done || bytes.length == 0) {
      return;
    }
    int ch = bytes[0] & 0xff;
    if (ch == STDIN && bytes.length > 1) {
      ws.send(channel(STDOUT, new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8)));
    } else if (ch == CLOSE_SIGNAL && bytes.length > 1 && bytes[1] == STDIN) {
      finish(ws, 0);
    }
  }

  private void finish(WebSocket ws, int exitCode) {
    done = true;
    ws.send(channel(ERROR, status(exitCode)));
    ws.close(1000, "");
  }

  /** The final Status kubectl reads from channel 3: Success, or NonZeroExitCode carrying the code. */
  static String status(int exitCode) {
    if (exitCode == 0) {
      return "{\"metadata\":{},\"status\":\"Success\"}";
    }
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: exit status "
        + exitCode + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
        + exitCode + "\"}]}}";
  }

  private static byte[] channel(int channel, String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[data.length + 1];
    out[0] = (byte) channel;
    System.arraycopy(data, 0, out, 1, data.length);
    return out;
  }
}
