package dev.witness.proxy.http.kubernetes;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Kubernetes remote-command stream protocols ({@code v5.channel.k8s.io} ... {@code
 * v1.channel.k8s.io}) as the proxy records them: each binary WebSocket message starts with a
 * channel byte (0 stdin, 1 stdout, 2 stderr, 3 error status, 4 terminal resize; 255 is v5's
 * close-a-stream signal). Tunnelled protocols (port-forward's {@code SPDY/3.1+portforward.k8s.io})
 * carry no channel byte and are recorded message by message.
 */
public final class StreamChannels {

  /** v5's control channel: {@code [255, channel]} half-closes {@code channel}; carries no data. */
  public static final int CLOSE_SIGNAL = 255;

  /** Port-forward's SPDY/3.1 tunnelled in WebSocket; a SPDY/3.1 upgrade of port-forward is relayed as if it were. */
  public static final String PORT_FORWARD_TUNNEL = "SPDY/3.1+portforward.k8s.io";

  /**
   * The content type of a port-forward record (one JSON object: a stream's open or close, the
   * session's totals). Text, not {@code application/json}: masking holds the chunks of a JSON
   * response until its last to mask the body whole, which would leave each record's chunk empty in
   * the ledger; every record is complete in itself and is masked as text.
   */
  public static final String PORT_FORWARD_CONTENT_TYPE = "text/plain; charset=utf-8; k8s-stream=portforward";

  private StreamChannels() {}

  /** Whether {@code subprotocol} is port-forward's SPDY/3.1 tunnelled in WebSocket ({@code SPDY/3.1+portforward.k8s.io}). */
  public static boolean tunnelsPortForward(String subprotocol) {
    return subprotocol != null && subprotocol.toLowerCase(Locale.ROOT).startsWith("spdy/3.1+portforward.k8s.io");
  }

  /** Whether {@code subprotocol} frames messages with a channel byte (the remote-command protocols). */
  public static boolean channelled(String subprotocol) {
    return subprotocol != null && subprotocol.toLowerCase(Locale.ROOT).matches("v[1-9]\\.channel\\.k8s\\.io");
  }

  /** Whether the request headers ask for an upgrade to {@code protocol} (e.g. "websocket", "spdy/3.1"). */
  public static boolean upgradesTo(String upgradeHeader, String protocol) {
    if (upgradeHeader == null) {
      return false;
    }
    for (String token : upgradeHeader.split(",")) {
      if (token.strip().toLowerCase(Locale.ROOT).startsWith(protocol)) {
        return true;
      }
    }
    return false;
  }

  /** The recorded name of {@code channel}: stdin, stdout, stderr, error, resize, or channel-N. */
  public static String name(int channel) {
    return switch (channel) {
      case 0 -> "stdin";
      case 1 -> "stdout";
      case 2 -> "stderr";
      case 3 -> "error";
      case 4 -> "resize";
      default -> "channel-" + channel;
    };
  }

  /**
   * The content type recorded for one message's data on {@code stream} (a channel name, or
   * "agent"/"cluster" for tunnelled protocols): text when the data is UTF-8, so masking scans it,
   * else octet-stream, so binary output is never rewritten as text.
   */
  public static String contentType(String stream, byte[] data) {
    String base = utf8(data) ? "text/plain; charset=utf-8" : "application/octet-stream";
    return base + "; k8s-stream=" + stream;
  }

  /**
   * A v4/v5 error-channel message that ends the stream with {@code message}: kubectl prints a
   * failed Status on channel 3 as the command's error.
   */
  public static byte[] failure(String message) {
    byte[] body = failureStatus(message);
    byte[] out = new byte[body.length + 1];
    out[0] = 3;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /**
   * The failed Status (JSON) that ends a stream with {@code message}: the payload of the error
   * channel (WebSocket) or the error stream (SPDY), which kubectl prints as the command's error.
   */
  public static byte[] failureStatus(String message) {
    String json = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"" + ",\"reason\":\"InternalError\",\"code\":500}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean utf8(byte[] data) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
