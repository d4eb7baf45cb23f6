package dev.witness.proxy.http.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * Renders a refusal as the Kubernetes {@code Status} object kubectl understands (it prints
 * {@code message} as "Error from server (Forbidden): ..."), instead of problem+json.
 */
public final class KubernetesStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KubernetesStatus() {}

  /**
   * A complete response carrying a failure {@code Status}.
   *
   * @param code HTTP status code
   * @param message what kubectl prints
   * @param rules policy rules that decided, listed as causes (may be empty)
   */
  public static FullHttpResponse render(int code, String message, List<String> rules) {
    ObjectNode status = JSON.createObjectNode()
        .put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason(code)).put("code", code);
    if (!rules.isEmpty()) {
      var causes = status.putObject("details").putArray("causes");
      for (String rule : rules) {
        causes.addObject().put("reason", "WitnessPolicy").put("message", "rule " + rule);
      }
    }
    ByteBuf body = Unpooled.wrappedBuffer(status.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), body);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }

  /** The machine-readable {@code reason} of a Status for {@code code}. */
  static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 413 -> "RequestEntityTooLarge";
      case 502, 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "InternalError";
    };
  }
}
