package dev.witness.evidence.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One ledger entry in a bundle: its chain position and hashes, the exact event bytes the hash
 * covers ({@code eventSchema} and base64 {@code eventAvro}), and the readable event document that
 * a verifier re-derives from those bytes.
 */
public record EventLine(int partition, long sequence, String eventId, byte[] previousHash, byte[] hash,
    Instant recordedAt, String eventSchema, byte[] eventAvro, JsonNode event) {

  private static final HexFormat HEX = HexFormat.of();

  /** The canonical JSON text of this line. */
  public String toJson() {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("partition", partition);
    line.put("sequence", sequence);
    line.put("eventId", eventId);
    line.put("previousHash", HEX.formatHex(previousHash));
    line.put("hash", HEX.formatHex(hash));
    line.put("recordedAt", recordedAt.toString());
    line.put("eventSchema", eventSchema);
    line.put("eventAvro", Base64.getEncoder().encodeToString(eventAvro));
    line.set("event", event);
    return CanonicalJson.write(line);
  }

  /**
   * Reads a line.
   *
   * @throws IllegalArgumentException naming the first missing or malformed field
   */
  public static EventLine parse(String text) {
    JsonNode n = CanonicalJson.read(text);
    return new EventLine(
        (int) number(n, "partition"),
        number(n, "sequence"),
        text(n, "eventId"),
        hex(n, "previousHash"),
        hex(n, "hash"),
        instant(n, "recordedAt"),
        text(n, "eventSchema"),
        base64(n, "eventAvro"),
        object(n, "event"));
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("field '" + name + "' is missing");
    }
    return v;
  }

  private static long number(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + name + "' is not an integer");
    }
    return v.asLong();
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' is not text");
    }
    return v.asText();
  }

  private static byte[] hex(JsonNode n, String name) {
    try {
      return HEX.parseHex(text(n, name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "' is not hex");
    }
  }

  private static byte[] base64(JsonNode n, String name) {
    try {
      return Base64.getDecoder().decode(text(n, name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "' is not base64");
    }
  }

  private static Instant instant(JsonNode n, String name) {
    try {
      return Instant.parse(text(n, name));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("field '" + name + "' is not an ISO-8601 instant");
    }
  }

  private static JsonNode object(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isObject()) {
      throw new IllegalArgumentException("field '" + name + "' is not an object");
    }
    return v;
  }
}
