package dev.witness.evidence.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a session replay ({@link ReplayLines}) as a transcript a person reads like a terminal
 * session: SQL as a {@code psql} prompt with its result table, HTTP as request and response
 * lines, and between them each verdict and approval with its rules, policy version, approvers
 * and times. What the agent received is shown as recorded: masked.
 */
public final class TranscriptRenderer {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY_LINES = 40;

  /** Columns of each SQL request's result, as its first chunk announced them. */
  private final Map<String, List<String>> columnsByRequest = new HashMap<>();
  private final Appendable out;
  private boolean ended;
  private long events;

  private TranscriptRenderer(Appendable out) {
    this.out = out;
  }

  /** The transcript of a whole replay given as text. */
  public static String render(String ndjson) {
    StringBuilder sb = new StringBuilder();
    render(new StringReader(ndjson), sb);
    return sb.toString();
  }

  /**
   * Streams the transcript of the replay read from {@code in} to {@code out}, line by line.
   *
   * @throws IllegalArgumentException when a line is not a replay line, naming its number
   */
  public static void render(Reader in, Appendable out) {
    TranscriptRenderer renderer = new TranscriptRenderer(out);
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!line.isBlank()) {
          renderer.line(number, line);
        }
      }
      if (!renderer.ended) {
        renderer.print("-- replay incomplete: no end line after " + renderer.events + " events");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(int number, String text) throws IOException {
    JsonNode line;
    try {
      line = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("replay line " + number + " is not JSON");
    }
    switch (line.path("kind").asText()) {
      case "session" -> session(line.path("session"));
      case "event" -> {
        events++;
        event(line.path("event"), line.path("rows"));
      }
      case "end" -> {
        ended = true;
        print("-- end of session: " + line.path("events").asLong() + " events");
      }
      default -> throw new IllegalArgumentException("replay line " + number + " has no known kind");
    }
  }

  private void session(JsonNode s) throws IOException {
    JsonNode agent = s.path("agent");
    StringBuilder who = new StringBuilder(agent.path("id").asText());
    who.append(" (issuer ").append(agent.path("issuer").asText());
    if (agent.hasNonNull("delegatingHuman")) {
      who.append(", on behalf of ").append(agent.get("delegatingHuman").asText());
    }
    who.append(')');
    print("-- session " + s.path("sessionId").asText());
    print("-- agent    " + who);
    print("-- purpose  " + text(s, "purpose", "(none stated)"));
    print("-- target   " + s.path("resource").asText() + " (" + s.path("protocol").asText() + ")");
    print("-- time     " + s.path("startedAt").asText() + " .. " + s.path("lastEventAt").asText());
    print("-- counts   " + s.path("eventCount").asLong() + " events, " + s.path("requestCount").asLong()
        + " requests, " + s.path("deniedCount").asLong() + " denied, " + s.path("authFailures").asLong()
        + " authentication failures" + (s.hasNonNull("risk") ? ", risk " + s.get("risk").asText() : ""));
    print("");
  }

  private void event(JsonNode e, JsonNode rows) throws IOException {
    String stamp = "[" + e.path("timestamp").asText() + " #" + e.path("sequence").asLong() + "] ";
    switch (e.path("type").asText()) {
      case "request" -> request(stamp, e);
      case "verdict" -> verdict(stamp, e);
      case "response" -> response(stamp, e, rows);
      case "approval-requested" -> {
        JsonNode a = e.path("approval");
        print(stamp + "approval " + a.path("approvalId").asText() + " requested: rules " + list(a.path("rules"))
            + ", quorum " + a.path("quorum").asInt(1) + ", approvers " + text(a, "approverGroup", "(any)")
            + ", expires " + a.path("expiresAt").asText());
      }
      case "approval-decided" -> {
        JsonNode a = e.path("approval");
        print(stamp + "approval " + a.path("approvalId").asText() + " " + a.path("outcome").asText());
        for (JsonNode vote : a.path("decisions")) {
          String what = switch (vote.path("kind").asText()) {
            case "cancel" -> "cancelled";
            case "approve" -> "approved";
            case "reject" -> "rejected";
            // Documents built before decisions carried their kind.
            default -> vote.path("approve").asBoolean() ? "approved" : "rejected";
          };
          print("    " + what + " by "
              + vote.path("approverId").asText()
              + (vote.hasNonNull("approverEmail") ? " <" + vote.get("approverEmail").asText() + ">" : "")
              + " via " + vote.path("channel").asText() + " at " + vote.path("decidedAt").asText()
              + (vote.hasNonNull("reason") ? ": " + vote.get("reason").asText() : ""));
        }
      }
      case "approval-expired" -> print(stamp + "approval " + e.path("approval").path("approvalId").asText()
          + " EXPIRED");
      default -> print(stamp + "event of type " + e.path("type").asText());
    }
  }

  private void request(String stamp, JsonNode e) throws IOException {
    JsonNode r = e.path("request");
    JsonNode auth = r.path("authentication");
    String by = "agent " + e.path("agent").path("id").asText() + ", " + auth.path("method").asText()
        + ("FAILED".equals(auth.path("outcome").asText()) ? " FAILED" + reason(auth) : "");
    print(stamp + "request " + e.path("requestId").asText() + " (" + by + ")");
    switch (r.path("kind").asText()) {
      case "sql" -> {
        String db = text(r, "database", "postgres");
        print(db + "=> " + r.path("statement").asText());
        if (r.path("parameters").size() > 0) {
          List<String> params = new ArrayList<>();
          int i = 1;
          for (JsonNode p : r.path("parameters")) {
            params.add("$" + i++ + " = " + (p.isNull() ? "NULL" : "'" + p.asText() + "'"));
          }
          print("   parameters: " + String.join(", ", params));
        }
      }
      case "http" -> {
        String query = r.hasNonNull("query") ? "?" + r.get("query").asText() : "";
        print("> " + r.path("method").asText() + " " + r.path("path").asText() + query + " HTTP/1.1");
        headers("> ", r.path("headers"));
        body("> ", r, r.path("bodySize").asLong());
      }
      case "mcp" -> print("> mcp " + r.path("method").asText()
          + (r.hasNonNull("toolName") ? " " + r.get("toolName").asText() : "")
          + (r.hasNonNull("arguments") ? " " + r.get("arguments").asText() : ""));
      case "kubernetes" -> print("> kubectl " + r.path("verb").asText() + " " + r.path("path").asText());
      default -> print("> " + r.path("kind").asText() + " request");
    }
  }

  private void verdict(String stamp, JsonNode e) throws IOException {
    JsonNode v = e.path("verdict");
    StringBuilder line = new StringBuilder(stamp).append("verdict ").append(v.path("decision").asText());
    line.append(": rules ").append(list(v.path("rules")));
    line.append(", policy ").append(text(e, "policyVersion", "(none)"));
    if (v.hasNonNull("maskPlan")) {
      line.append(", mask plan ").append(v.get("maskPlan").asText());
    }
    if (v.hasNonNull("approvalId")) {
      line.append(", approval ").append(v.get("approvalId").asText());
    }
    print(line.toString());
    if (v.hasNonNull("reason")) {
      print("    reason: " + v.get("reason").asText());
    }
  }

  private void response(String stamp, JsonNode e, JsonNode rows) throws IOException {
    JsonNode r = e.path("response");
    String requestId = e.path("requestId").asText();
    print(stamp + "response " + requestId + " chunk " + r.path("chunkIndex").asInt() + (r.path("last").asBoolean()
        ? " (last)" : ""));
    if (r.has("columns")) {
      List<String> names = new ArrayList<>();
      r.get("columns").forEach(c -> names.add(c.path("name").asText()));
      columnsByRequest.put(requestId, names);
    }
    if (r.has("status")) {
      print("< HTTP/1.1 " + r.get("status").asInt());
      headers("< ", r.path("headers"));
    }
    if (rows.isArray()) {
      table(columnsByRequest.getOrDefault(requestId, List.of()), rows);
    } else if (rows.isTextual()) {
      print("   (rows " + rows.asText() + ")");
    } else {
      body("< ", r, -1);
    }
    if (r.hasNonNull("commandTag")) {
      print(r.get("commandTag").asText());
    }
    for (JsonNode m : r.path("maskings")) {
      print("   masked " + m.path("field").asText() + ": " + m.path("detector").asText() + " -> "
          + m.path("operator").asText() + " x" + m.path("count").asInt(1));
    }
    if (r.hasNonNull("error")) {
      print("   ERROR (response cut short): " + r.get("error").asText());
    }
  }

  private void table(List<String> columns, JsonNode rows) throws IOException {
    List<List<String>> cells = new ArrayList<>();
    int width = columns.size();
    for (JsonNode row : rows) {
      List<String> values = new ArrayList<>();
      row.forEach(c -> values.add(c.isNull() ? "" : c.asText()));
      width = Math.max(width, values.size());
      cells.add(values);
    }
    int[] widths = new int[width];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
    }
    for (List<String> row : cells) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    if (!columns.isEmpty()) {
      print(" " + join(columns, widths, " | "));
      StringBuilder rule = new StringBuilder();
      for (int i = 0; i < width; i++) {
        rule.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
      }
      print(rule.toString());
    }
    for (List<String> row : cells) {
      print(" " + join(row, widths, " | "));
    }
    print("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
  }

  private static String join(List<String> values, int[] widths, String separator) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String v = i < values.size() ? values.get(i) : "";
      sb.append(i == 0 ? "" : separator).append(v).append(" ".repeat(widths[i] - v.length()));
    }
    return sb.toString().stripTrailing();
  }

  private void headers(String prefix, JsonNode headers) throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      print(prefix + h.getKey() + ": " + h.getValue().asText());
    }
  }

  private void body(String prefix, JsonNode section, long declaredSize) throws IOException {
    if (!section.hasNonNull("body")) {
      return;
    }
    if ("base64".equals(section.path("bodyEncoding").asText(null))) {
      print(prefix + "(binary body, base64) " + section.get("body").asText());
      return;
    }
    print(prefix.strip());
    String[] lines = section.get("body").asText().split("\n", -1);
    for (int i = 0; i < lines.length && i < MAX_BODY_LINES; i++) {
      print(prefix + lines[i]);
    }
    if (lines.length > MAX_BODY_LINES) {
      print(prefix + "... " + (lines.length - MAX_BODY_LINES) + " more lines");
    }
    if (declaredSize > 0 && declaredSize != section.get("body").asText().getBytes(StandardCharsets.UTF_8).length) {
      print(prefix + "(" + declaredSize + " bytes in total)");
    }
  }

  private static String reason(JsonNode auth) {
    return auth.hasNonNull("reason") ? " (" + auth.get("reason").asText() + ")" : "";
  }

  private static String text(JsonNode node, String field, String absent) {
    return node.hasNonNull(field) ? node.get(field).asText() : absent;
  }

  private static String list(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.asText()));
    return items.isEmpty() ? "(none)" : String.join(", ", items);
  }

  private void print(String line) throws IOException {
    out.append(line).append('\n');
  }
}
