package dev.witness.proxy.http.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The request body of a create, update or patch as it is recorded: the text kubectl sent, with
 * every value under a Secret's {@code data} and {@code stringData} replaced by "[REDACTED]" (keys
 * stay, so the evidence shows which entries changed). A body that may hold a Secret but cannot be
 * parsed as JSON is not recorded at all: a secret never reaches an event.
 */
public final class KubernetesBodies {

  /** What replaces a secret value. */
  public static final String REDACTED = "[REDACTED]";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private KubernetesBodies() {}

  /**
   * The recorded form of {@code body} sent to {@code resource} (e.g. "secrets", "configmaps"), or
   * null when nothing may or can be recorded (empty, not UTF-8 text, or an unparsable Secret).
   */
  public static String recorded(String resource, byte[] body) {
    if (body == null || body.length == 0 || !utf8(body)) {
      return null;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null) {
      // YAML or another text: recorded as is unless it may be a Secret.
      return mayHoldSecret(resource, new String(body, StandardCharsets.UTF_8)) ? null
          : new String(body, StandardCharsets.UTF_8);
    }
    boolean secrets = "secrets".equals(resource);
    if (redactSecrets(tree, secrets) || !secrets) {
      return tree.toString();
    }
    // A patch of a Secret without a kind: redact its data maps all the same.
    redactData(tree);
    return tree.toString();
  }

  /** Redacts every Secret in {@code node} (a Secret, or a List of items); true when one was found. */
  private static boolean redactSecrets(JsonNode node, boolean secrets) {
    boolean found = false;
    if (node instanceof ObjectNode object) {
      if ("Secret".equals(object.path("kind").asText())) {
        redactData(object);
        found = true;
      }
      JsonNode items = object.get("items");
      if (items != null && items.isArray()) {
        for (JsonNode item : items) {
          found |= redactSecrets(item, secrets);
        }
      }
    } else if (secrets && node.isArray()) {
      // A JSON patch: [{"op":"add","path":"/data/x","value":"..."}]
      for (JsonNode op : node) {
        if (op instanceof ObjectNode o && o.path("path").asText().matches("/(data|stringData)(/.*)?")
            && o.has("value")) {
          o.put("value", REDACTED);
        }
      }
    }
    return found || (secrets && node.isArray());
  }

  private static void redactData(JsonNode secret) {
    if (!(secret instanceof ObjectNode object)) {
      return;
    }
    for (String field : new String[] {"data", "stringData"}) {
      if (object.get(field) instanceof ObjectNode data) {
        Iterator<Map.Entry<String, JsonNode>> entries = data.fields();
        while (entries.hasNext()) {
          entries.next().setValue(JSON.getNodeFactory().textNode(REDACTED));
        }
      }
    }
    // kubectl apply keeps the whole applied object, secret values included, in this annotation.
    if (object.path("metadata").path("annotations") instanceof ObjectNode annotations
        && annotations.get(LAST_APPLIED) != null) {
      String redacted;
      try {
        JsonNode applied = JSON.readTree(annotations.get(LAST_APPLIED).asText());
        redactData(applied);
        redacted = applied.isObject() ? applied.toString() : REDACTED;
      } catch (IOException e) {
        redacted = REDACTED;
      }
      annotations.put(LAST_APPLIED, redacted);
    }
    if (object.get("data") != null && !object.get("data").isObject() && !object.get("data").isNull()) {
      object.put("data", REDACTED);
    }
  }

  private static boolean mayHoldSecret(String resource, String text) {
    return "secrets".equals(resource) || text.contains("Secret");
  }

  private static boolean utf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
