package dev.witness.streams.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.streams.classify.ClassifiedRequest.McpFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies an MCP JSON-RPC message by method, tool name and arguments. Protocol housekeeping
 * ({@code initialize}, {@code tools/list}...) is {@code LOW}. A tool call is judged by the verb its
 * name starts with ({@code get_}, {@code list_} read; {@code delete_}, {@code drop_} delete;
 * {@code exec}, {@code run}, {@code shell} execute) and, when an argument named {@code sql},
 * {@code query} or {@code statement} holds SQL, by that SQL. Unknown tool verbs are {@code WRITE}
 * and {@code MEDIUM}.
 */
public final class McpClassifier {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WORDS = Pattern.compile("[_\\-.\\s/]+|(?<=[a-z])(?=[A-Z])");
  private static final Set<String> READ_VERBS = Set.of(
      "get", "list", "read", "search", "find", "describe", "fetch", "show", "query", "lookup", "count", "view");
  private static final Set<String> DELETE_VERBS = Set.of("delete", "drop", "remove", "destroy", "purge", "truncate", "wipe");
  private static final Set<String> EXEC_VERBS = Set.of("exec", "execute", "run", "shell", "eval", "bash", "spawn");
  private static final Set<String> SQL_ARGUMENTS = Set.of("sql", "query", "statement");

  private McpClassifier() {}

  /** The facts and risk of one message; {@code argumentsJson} is the params/arguments object. */
  public static ClassifiedRequest classify(String method, String toolName, String argumentsJson) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    String sqlText = null;
    List<String> reasons = new ArrayList<>();
    JsonNode node = parse(argumentsJson);
    if (node != null && node.has("arguments") && node.get("arguments").isObject()) {
      node = node.get("arguments");
    }
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JsonNode value = field.getValue();
        if (value.isTextual()) {
          arguments.put(field.getKey(), value.textValue());
          if (SQL_ARGUMENTS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
            sqlText = value.textValue();
          }
        } else if (value.isIntegralNumber()) {
          arguments.put(field.getKey(), value.longValue());
        } else if (value.isNumber()) {
          arguments.put(field.getKey(), value.doubleValue());
        } else if (value.isBoolean()) {
          arguments.put(field.getKey(), value.booleanValue());
        }
      }
    }
    String m = method == null ? "" : method;
    String tool = toolName == null ? "" : toolName;
    SqlClassifier.Result sql = sqlText == null ? null : SqlClassifier.analyze(sqlText);
    McpFacts facts = new McpFacts(m, tool, arguments, sql == null ? null : sql.facts());
    if (!"tools/call".equals(m)) {
      boolean housekeeping = m.equals("initialize") || m.startsWith("notifications/") || m.endsWith("/list")
          || m.equals("ping") || m.equals("resources/read") || m.equals("prompts/get");
      return new ClassifiedRequest(housekeeping ? RequestKind.READ : RequestKind.OTHER,
          housekeeping ? RiskLevel.LOW : RiskLevel.MEDIUM, List.of(), null, null, facts, null);
    }
    String verb = firstWord(tool);
    RequestKind kind;
    RiskLevel risk;
    if (EXEC_VERBS.contains(verb)) {
      kind = RequestKind.EXEC;
      risk = RiskLevel.HIGH;
      reasons.add("tool " + tool + " executes commands");
    } else if (DELETE_VERBS.contains(verb)) {
      kind = RequestKind.DELETE;
      risk = RiskLevel.HIGH;
      reasons.add("tool " + tool + " deletes");
    } else if (READ_VERBS.contains(verb)) {
      kind = RequestKind.READ;
      risk = RiskLevel.LOW;
    } else {
      kind = RequestKind.WRITE;
      risk = RiskLevel.MEDIUM;
    }
    if (sql != null) {
      // The SQL decides as much as the tool name: a "query" tool can still run DROP TABLE.
      risk = risk.max(sql.risk());
      reasons.addAll(sql.reasons());
      if (sql.risk() == RiskLevel.HIGH && kind == RequestKind.READ) {
        kind = sql.facts().kind();
      }
    }
    return new ClassifiedRequest(kind, risk, reasons, null, null, facts, null);
  }

  private static String firstWord(String tool) {
    String[] words = WORDS.split(tool.strip());
    return words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
