package dev.witness.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (Confluent, Karapace, Apicurio's Confluent
 * API, or Witness's embedded registry). Ids are immutable, so lookups by id and registrations
 * are cached forever; transient failures (I/O, 5xx) are retried with backoff, 4xx never.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

  /** The media type of the Confluent API. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final int ATTEMPTS = 3;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  private static final int MAX_MESSAGE_CHARS = 500;
  private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);

  private final RegistryEndpoint endpoint;
  private final Duration requestTimeout;
  private final Duration firstBackoff;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8081}; {@code https://key:secret@host} sends
   *     Basic credentials
   * @param requestTimeout bound of each HTTP attempt (connect and response)
   */
  public RestSchemaRegistryClient(String baseUrl, Duration requestTimeout) {
    this(baseUrl, requestTimeout, Duration.ofMillis(200));
  }

  RestSchemaRegistryClient(String baseUrl, Duration requestTimeout, Duration firstBackoff) {
    this.endpoint = RegistryEndpoint.parse(baseUrl);
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode response = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(response, "id", "POST " + endpoint.url("/subjects/" + encode(subject) + "/versions"));
    idBySubjectSchema.putIfAbsent(key, id);
    schemaById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemaById.get(id);
    if (cached != null) {
      return cached;
    }
    String path = "/schemas/ids/" + id;
    JsonNode response = call("GET", path, null);
    Schema schema = parseSchema(response, "GET " + endpoint.url(path));
    Schema previous = schemaById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    String path = "/subjects/" + encode(subject) + "/versions/latest";
    String where = "GET " + endpoint.url(path);
    JsonNode response = call("GET", path, null);
    int id = requiredInt(response, "id", where);
    Schema schema = parseSchema(response, where);
    schemaById.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, requiredInt(response, "version", where), id, schema);
  }

  @Override
  public List<String> subjects() {
    JsonNode response = call("GET", "/subjects", null);
    if (!response.isArray()) {
      throw new SchemaRegistryException(-1, "GET " + endpoint.url("/subjects") + " did not return a JSON array");
    }
    List<String> subjects = new ArrayList<>();
    response.forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
    try {
      JsonNode response = call("POST", path, schemaBody(schema));
      JsonNode verdict = response.get("is_compatible");
      if (verdict == null || !verdict.isBoolean()) {
        throw new SchemaRegistryException(-1, "POST " + endpoint.url(path) + " answered without is_compatible");
      }
      return verdict.booleanValue();
    } catch (SchemaRegistryException e) {
      // Older registries answer 40401 for a subject without versions: anything may be its first.
      if (e.errorCode() == RegistryErrorCode.SUBJECT_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  /** Releases the HTTP client's connections. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "RestSchemaRegistryClient[" + endpoint + "]";
  }

  private JsonNode call(String method, String path, String body) {
    String url = endpoint.url(path);
    String where = method + " " + url;
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT)
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (endpoint.authorization() != null) {
      builder.header("Authorization", endpoint.authorization());
    }
    HttpRequest request = builder.build();
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return parseJson(response.body(), where);
        }
        SchemaRegistryException error = errorOf(status, response.body(), where);
        // 4xx means the request itself is wrong: repeating it cannot help.
        if (status < 500 || attempt == ATTEMPTS) {
          throw error;
        }
        log.warn("schema registry call failed, retrying request=\"{}\" status={} attempt={}", where, status, attempt);
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          throw new SchemaRegistryException(
              where + " failed after " + ATTEMPTS + " attempts: " + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        log.warn("schema registry unreachable, retrying request=\"{}\" error={} attempt={}",
            where, e.getClass().getSimpleName(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(where + " interrupted", e);
      }
      pause(backoff, where);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private static void pause(Duration backoff, String where) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(where + " interrupted", e);
    }
  }

  private SchemaRegistryException errorOf(int status, String body, String where) {
    int code = status;
    String message = "HTTP " + status;
    try {
      JsonNode error = json.readTree(body);
      if (error != null && error.has("error_code")) {
        code = error.get("error_code").asInt(status);
      }
      if (error != null && error.hasNonNull("message")) {
        message = error.get("message").asText();
      }
    } catch (JsonProcessingException e) {
      // Not a Confluent error body (e.g. a proxy's HTML page): the status says enough.
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    return new SchemaRegistryException(code, where + " failed: error_code=" + code + " " + message);
  }

  private JsonNode parseJson(String body, String where) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(-1, where + " returned a body that is not JSON");
    }
  }

  private static Schema parseSchema(JsonNode response, String where) {
    JsonNode type = response.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
      throw new SchemaRegistryException(-1, where + " returned a " + type.asText() + " schema; Witness reads Avro only");
    }
    JsonNode text = response.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException(-1, where + " answered without a schema");
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(-1, where + " returned a schema Avro cannot parse: " + e.getMessage());
    }
  }

  private static int requiredInt(JsonNode response, String field, String where) {
    JsonNode value = response.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException(-1, where + " answered without '" + field + "'");
    }
    return value.intValue();
  }

  private String schemaBody(Schema schema) {
    try {
      return json.writeValueAsString(Map.of("schema", schema.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a schema as JSON", e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, Schema schema) {}
}
