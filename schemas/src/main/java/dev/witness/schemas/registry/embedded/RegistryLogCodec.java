package dev.witness.schemas.registry.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Encodes log records as Confluent Schema Registry writes them to {@code _schemas} (JSON key
 * naming the entry, JSON value holding it), so the topic reads like a Confluent registry's.
 * Keys are written field by field in a fixed order: compaction compares key bytes.
 */
final class RegistryLogCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryLogCodec() {}

  static byte[] key(RegistryLogRecord record) {
    ObjectNode key = JSON.createObjectNode();
    switch (record) {
      case RegistryLogRecord.SchemaVersion v -> {
        key.put("keytype", "SCHEMA");
        key.put("subject", v.subject());
        key.put("version", v.version());
        key.put("magic", 1);
      }
      case RegistryLogRecord.GlobalConfig c -> {
        key.put("keytype", "CONFIG");
        key.putNull("subject");
        key.put("magic", 0);
      }
    }
    return bytes(key);
  }

  static byte[] value(RegistryLogRecord record) {
    ObjectNode value = JSON.createObjectNode();
    switch (record) {
      case RegistryLogRecord.SchemaVersion v -> {
        value.put("subject", v.subject());
        value.put("version", v.version());
        value.put("id", v.id());
        value.put("schema", v.schema());
        value.put("deleted", v.deleted());
      }
      case RegistryLogRecord.GlobalConfig c -> value.put("compatibilityLevel", c.level().name());
    }
    return bytes(value);
  }

  /**
   * Decodes one log entry; empty for entries this registry does not act on (Confluent's NOOP
   * markers, subject-level config, tombstones of unknown kinds).
   *
   * @throws IllegalArgumentException when the entry is not valid JSON of a known kind
   */
  static Optional<RegistryLogRecord> decode(byte[] keyBytes, byte[] valueBytes) {
    JsonNode key = read(keyBytes);
    String type = key.path("keytype").asText("");
    if (valueBytes == null) {
      return Optional.empty();
    }
    JsonNode value = read(valueBytes);
    return switch (type) {
      case "SCHEMA" -> Optional.of(new RegistryLogRecord.SchemaVersion(
          required(value, "subject").asText(),
          required(value, "version").asInt(),
          required(value, "id").asInt(),
          required(value, "schema").asText(),
          value.path("deleted").asBoolean(false)));
      case "CONFIG" -> {
        if (!key.path("subject").isNull() && !key.path("subject").isMissingNode()) {
          yield Optional.empty();
        }
        CompatibilityLevel level = CompatibilityLevel.parse(required(value, "compatibilityLevel").asText());
        if (level == null) {
          throw new IllegalArgumentException("unknown compatibilityLevel " + value.get("compatibilityLevel"));
        }
        yield Optional.of(new RegistryLogRecord.GlobalConfig(level));
      }
      default -> Optional.empty();
    };
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("log entry without '" + field + "'");
    }
    return value;
  }

  private static JsonNode read(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("log entry without key");
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("log entry is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
