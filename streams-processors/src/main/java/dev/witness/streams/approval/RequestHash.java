package dev.witness.streams.approval;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.streams.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash an approval is bound to: lower-case hex SHA-256 of the canonical request, so a grant
 * covers exactly the statement approvers saw and a changed statement needs a new approval.
 *
 * <p>Canonical form (version 1): {@code witness.request.v1}, agent id, resource, protocol, body type,
 * then the body: SQL statement, parameters, database; HTTP method, path, query, body bytes; MCP
 * method, tool name, arguments; Kubernetes verb, resource, namespace, name, subresource, path. A
 * string is its UTF-8 length as an int32 then its bytes (null is -1), bytes likewise, a list its size
 * then its strings. Session, purpose, event ids and request ids are not part of it: re-running the
 * same statement in a new session is the same request. The JSON-RPC id is left out for the same reason.
 */
public final class RequestHash {

  private static final String FORMAT = "witness.request.v1";

  private RequestHash() {}

  /** The hash of {@code request}. */
  public static String of(RequestIntercepted request) {
    return HexFormat.of().formatHex(Sha256.digest(canonicalBytes(request)));
  }

  /** The canonical form of {@code request}. */
  public static byte[] canonicalBytes(RequestIntercepted request) {
    EventHeader header = request.getHeader();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    writeString(out, FORMAT);
    writeString(out, header.getAgent().getId());
    writeString(out, header.getResource());
    writeString(out, header.getProtocol().name());
    switch (request.getBody()) {
      case SqlRequest sql -> {
        writeString(out, "sql");
        writeString(out, sql.getStatement());
        writeList(out, sql.getParameters());
        writeString(out, sql.getDatabase());
      }
      case HttpRequest http -> {
        writeString(out, "http");
        writeString(out, http.getMethod());
        writeString(out, http.getPath());
        writeString(out, http.getQuery());
        writeBytes(out, http.getBody());
      }
      case McpRequest mcp -> {
        writeString(out, "mcp");
        writeString(out, mcp.getMethod());
        writeString(out, mcp.getToolName());
        writeString(out, mcp.getArguments());
      }
      case KubernetesRequest k8s -> {
        writeString(out, "kubernetes");
        writeString(out, k8s.getVerb());
        writeString(out, k8s.getResource());
        writeString(out, k8s.getNamespace());
        writeString(out, k8s.getName());
        writeString(out, k8s.getSubresource());
        writeString(out, k8s.getPath());
      }
      default -> throw new IllegalArgumentException("request body of type "
          + request.getBody().getClass().getSimpleName() + " has no canonical form");
    }
    return out.toByteArray();
  }

  private static void writeList(ByteArrayOutputStream out, List<String> values) {
    writeInt(out, values.size());
    values.forEach(v -> writeString(out, v));
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    writeBytes(out, value == null ? null : ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static void writeBytes(ByteArrayOutputStream out, ByteBuffer value) {
    if (value == null) {
      writeInt(out, -1);
      return;
    }
    ByteBuffer copy = value.duplicate();
    writeInt(out, copy.remaining());
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    out.writeBytes(bytes);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
  }
}
