package dev.witness.evidence.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical JSON text of bundle lines: object members sorted by name at every depth, no
 * insignificant whitespace, so the same content always gives the same bytes.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CanonicalJson() {}

  /** The shared mapper used to read bundle lines. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The canonical text of {@code value} (a tree or anything Jackson can map). */
  public static String write(Object value) {
    JsonNode tree = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
    try {
      return MAPPER.writeValueAsString(sorted(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Parses one line. */
  public static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }
}
