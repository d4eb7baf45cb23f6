package dev.witness.proxy.http.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tool names out of an MCP server's {@code tools/list} result and removes named tools from
 * it, as a JSON body or inside the {@code data:} of SSE events. Only a JSON-RPC response carrying
 * {@code result.tools} (an array) is touched; everything else (notifications, other events, bytes
 * that are not JSON) passes unchanged, so this never makes a valid response invalid.
 */
public final class McpToolList {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** One SSE event: its lines up to the blank line that ends it (LF, CRLF or CR). */
  private static final Pattern EVENT = Pattern.compile("(.*?)(\\r\\n\\r\\n|\\n\\n|\\r\\r|\\z)", Pattern.DOTALL);

  private McpToolList() {}

  /** The names of the listed tools, in order; empty when the body holds no tools/list result. */
  public static List<String> names(byte[] body, boolean eventStream) {
    List<String> names = new ArrayList<>();
    if (eventStream) {
      for (String data : sseData(new String(body, StandardCharsets.UTF_8))) {
        collect(parse(data), names);
      }
    } else {
      collect(parse(new String(body, StandardCharsets.UTF_8)), names);
    }
    return names;
  }

  /** {@code body} without the tools named in {@code hidden}; the same array when nothing is hidden. */
  public static byte[] without(byte[] body, boolean eventStream, Collection<String> hidden) {
    if (hidden.isEmpty()) {
      return body;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (!eventStream) {
      JsonNode root = parse(text);
      return remove(root, hidden) ? write(root).getBytes(StandardCharsets.UTF_8) : body;
    }
    StringBuilder out = new StringBuilder(text.length());
    Matcher m = EVENT.matcher(text);
    int at = 0;
    while (at < text.length() && m.find(at) && m.end() > at) {
      out.append(filterEvent(m.group(1), hidden)).append(m.group(2));
      at = m.end();
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An event whose data is a tools/list result is rewritten as one {@code data:} line. */
  private static String filterEvent(String event, Collection<String> hidden) {
    StringBuilder kept = new StringBuilder();
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    for (String line : event.split("\\r\\n|\\n|\\r", -1)) {
      if (line.startsWith("data:")) {
        String value = line.substring(5);
        data.append(hasData ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
        hasData = true;
      } else {
        kept.append(line).append('\n');
      }
    }
    JsonNode root = hasData ? parse(data.toString()) : null;
    if (root == null || !remove(root, hidden)) {
      return event;
    }
    return kept + "data: " + write(root);
  }

  private static List<String> sseData(String text) {
    List<String> events = new ArrayList<>();
    for (String event : text.split("\\r\\n\\r\\n|\\n\\n|\\r\\r")) {
      StringBuilder data = new StringBuilder();
      boolean hasData = false;
      for (String line : event.split("\\r\\n|\\n|\\r")) {
        if (line.startsWith("data:")) {
          String value = line.substring(5);
          data.append(hasData ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
          hasData = true;
        }
      }
      if (hasData) {
        events.add(data.toString());
      }
    }
    return events;
  }

  private static ArrayNode tools(JsonNode root) {
    if (root instanceof ObjectNode object && object.get("result") instanceof ObjectNode result
        && result.get("tools") instanceof ArrayNode tools && object.has("id")) {
      return tools;
    }
    return null;
  }

  private static void collect(JsonNode root, List<String> names) {
    ArrayNode tools = tools(root);
    if (tools == null) {
      return;
    }
    for (JsonNode tool : tools) {
      if (tool.get("name") != null && tool.get("name").isTextual()) {
        names.add(tool.get("name").textValue());
      }
    }
  }

  private static boolean remove(JsonNode root, Collection<String> hidden) {
    ArrayNode tools = tools(root);
    boolean removed = false;
    if (tools != null) {
      for (Iterator<JsonNode> it = tools.iterator(); it.hasNext(); ) {
        JsonNode name = it.next().get("name");
        if (name != null && name.isTextual() && hidden.contains(name.textValue())) {
          it.remove();
          removed = true;
        }
      }
    }
    return removed;
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
