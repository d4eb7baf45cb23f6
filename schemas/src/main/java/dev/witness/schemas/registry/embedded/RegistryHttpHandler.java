package dev.witness.schemas.registry.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.witness.schemas.registry.CompatibilityLevel;
import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryException;
import dev.witness.schemas.registry.embedded.RegistryState.StoredVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the Confluent Schema Registry REST subset Witness needs over {@link RegistryService}. */
final class RegistryHttpHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
  // Far above any real schema; bounds what one request can make the registry hold in memory.
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final RegistryService service;
  private final ObjectMapper json = new ObjectMapper();

  RegistryHttpHandler(RegistryService service) {
    this.service = service;
  }

  private record Response(int status, Object body) {}

  @FunctionalInterface
  private interface Action {
    Response run() throws IOException;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Response response;
      try {
        response = route(method, segments(exchange.getRequestURI().getRawPath()), exchange);
      } catch (SchemaRegistryException e) {
        response = error(e.errorCode(), e.getMessage());
      } catch (RuntimeException e) {
        log.warn("schema registry request failed method={} path={} error={}",
            method, exchange.getRequestURI().getRawPath(), e.toString());
        response = error(RegistryErrorCode.STORE_ERROR, "Error in the backend data store: " + e.getClass().getSimpleName());
      }
      log.debug("schema registry request method={} path={} status={}",
          method, exchange.getRequestURI().getRawPath(), response.status());
      byte[] body = json.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(response.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private Response route(String method, List<String> path, HttpExchange exchange) throws IOException {
    int n = path.size();
    if (n == 0) {
      return only(method, "GET", () -> ok(Map.of()));
    }
    switch (path.get(0)) {
      case "subjects" -> {
        if (n == 1) {
          return only(method, "GET", () -> ok(service.subjects()));
        }
        String subject = path.get(1);
        if (n == 2) {
          return only(method, "POST", () -> ok(versionJson(service.lookup(subject, schemaOf(exchange)))));
        }
        if (!"versions".equals(path.get(2)) || n > 4) {
          return notFound();
        }
        if (n == 4) {
          return only(method, "GET", () -> ok(versionJson(service.version(subject, path.get(3)))));
        }
        return switch (method) {
          case "GET" -> ok(service.versions(subject));
          case "POST" -> ok(Map.of("id", service.register(subject, schemaOf(exchange))));
          default -> methodNotAllowed();
        };
      }
      case "schemas" -> {
        if (n == 3 && "ids".equals(path.get(1))) {
          return only(method, "GET", () -> ok(Map.of("schema", service.schemaById(schemaId(path.get(2))).toString())));
        }
        return notFound();
      }
      case "compatibility" -> {
        if (n == 5 && "subjects".equals(path.get(1)) && "versions".equals(path.get(3))) {
          return only(method, "POST", () -> compatibility(path.get(2), path.get(4), exchange));
        }
        return notFound();
      }
      case "config" -> {
        if (n != 1) {
          return notFound();
        }
        return switch (method) {
          case "GET" -> ok(Map.of("compatibilityLevel", service.level().name()));
          case "PUT" -> setLevel(exchange);
          default -> methodNotAllowed();
        };
      }
      default -> {
        return notFound();
      }
    }
  }

  private Response compatibility(String subject, String version, HttpExchange exchange) throws IOException {
    List<String> problems = service.checkCompatibility(subject, version, schemaOf(exchange));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_compatible", problems.isEmpty());
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null && query.contains("verbose=true")) {
      body.put("messages", problems);
    }
    return ok(body);
  }

  private Response setLevel(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    // Confluent reads "compatibility" on PUT but answers GET with "compatibilityLevel"; accept both.
    String name = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
    CompatibilityLevel level = CompatibilityLevel.parse(name);
    if (level == null) {
      return error(RegistryErrorCode.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values are "
          + "none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }
    service.setLevel(level);
    return ok(Map.of("compatibility", level.name()));
  }

  private String schemaOf(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new SchemaRegistryException(RegistryErrorCode.INVALID_SCHEMA,
          "Invalid schema: schemaType " + type + " is not supported; this registry stores AVRO schemas only");
    }
    if (body.path("references").size() > 0) {
      throw new SchemaRegistryException(RegistryErrorCode.INVALID_SCHEMA,
          "Invalid schema: schema references are not supported; inline the referenced types");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new SchemaRegistryException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: the request has no \"schema\" string");
    }
    return schema.asText();
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new SchemaRegistryException(413, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new SchemaRegistryException(400, "Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(400, "Request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, Object> versionJson(StoredVersion v) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", v.subject());
    body.put("version", v.version());
    body.put("id", v.id());
    body.put("schema", v.canonical());
    return body;
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(RegistryErrorCode.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  /** Path segments, each percent-decoded on its own so an encoded '/' stays inside its segment. */
  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        try {
          segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new SchemaRegistryException(400, "Malformed percent-encoding in the request path");
        }
      }
    }
    return segments;
  }

  private static Response only(String method, String allowed, Action action) throws IOException {
    return allowed.equals(method) ? action.run() : methodNotAllowed();
  }

  private static Response ok(Object body) {
    return new Response(200, body);
  }

  private static Response notFound() {
    return error(404, "HTTP 404 Not Found");
  }

  private static Response methodNotAllowed() {
    return error(405, "HTTP 405 Method Not Allowed");
  }

  private static Response error(int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    return new Response(RegistryErrorCode.httpStatus(errorCode), body);
  }
}
