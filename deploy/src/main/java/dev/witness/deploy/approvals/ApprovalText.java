package dev.witness.deploy.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Renders the approval API's JSON as text for a terminal. */
final class ApprovalText {

  private static final int STATEMENT_WIDTH = 60;
  private static final String NL = System.lineSeparator();
  private static final String[] HEADERS =
      {"APPROVAL", "STATE", "REQUESTED", "EXPIRES", "AGENT", "PURPOSE", "RESOURCE", "RISK", "VOTES", "STATEMENT"};

  private ApprovalText() {}

  /** A table of approvals, one per line, columns aligned. */
  static String table(JsonNode approvals) {
    if (approvals.isEmpty()) {
      return "No approvals." + NL;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (JsonNode a : approvals) {
      rows.add(new String[] {
          text(a, "approvalId"), text(a, "state"), text(a, "requestedAt"), text(a, "expiresAt"),
          a.at("/agent/id").asText("-"), text(a, "purpose"), text(a, "resource"), text(a, "risk"),
          votes(a), shorten(text(a, "statement"))});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append(NL);
    }
    return out.toString();
  }

  /** One approval with its decisions and the execution that followed. */
  static String detail(JsonNode detail) {
    JsonNode a = detail.path("approval");
    StringBuilder out = new StringBuilder();
    line(out, "Approval", text(a, "approvalId"));
    line(out, "State", text(a, "state"));
    line(out, "Agent", a.at("/agent/id").asText("-")
        + (a.at("/agent/delegatingHuman").isTextual() ? " (for " + a.at("/agent/delegatingHuman").asText() + ")" : ""));
    line(out, "Purpose", text(a, "purpose"));
    line(out, "Resource", text(a, "resource") + " (" + text(a, "protocol") + ")");
    line(out, "Statement", text(a, "statement"));
    line(out, "Risk", text(a, "risk"));
    line(out, "Rules", join(a.path("rules")));
    line(out, "Quorum", text(a, "quorum") + " of group " + text(a, "approverGroup"));
    line(out, "Session", text(a, "sessionId"));
    line(out, "Request", text(a, "requestId"));
    line(out, "Requested", text(a, "requestedAt"));
    line(out, "Expires", text(a, "expiresAt"));
    if (a.hasNonNull("decidedAt")) {
      line(out, "Decided", text(a, "decidedAt"));
    }
    if (a.has("votes")) {
      out.append("Votes so far (counted when the approval is decided):").append(NL);
      if (a.path("votes").isEmpty()) {
        out.append("  none").append(NL);
      }
      for (JsonNode v : a.path("votes")) {
        out.append("  ").append(vote(v)).append(NL);
      }
    } else {
      out.append("Decisions:").append(NL);
      if (a.path("decisions").isEmpty()) {
        out.append("  none recorded").append(NL);
      }
    }
    for (JsonNode d : a.path("decisions")) {
      out.append("  ").append(vote(d)).append(NL);
    }
    for (JsonNode r : a.path("refused")) {
      out.append("  not counted (").append(text(r, "why")).append("): ").append(vote(r.path("decision"))).append(NL);
    }
    out.append("Execution:").append(NL);
    if (detail.path("executions").isEmpty()) {
      out.append("  none recorded").append(NL);
    }
    for (JsonNode e : detail.path("executions")) {
      String result = e.hasNonNull("status") ? "HTTP " + e.get("status").asText()
          : e.hasNonNull("commandTag") ? e.get("commandTag").asText() : "response";
      out.append("  request ").append(text(e, "requestId")).append(": ").append(result)
          .append(", ").append(e.path("chunks").asLong()).append(" chunk(s), ")
          .append(text(e, "firstAt")).append(" to ").append(text(e, "lastAt"))
          .append(e.path("complete").asBoolean() ? "" : ", incomplete")
          .append(e.hasNonNull("error") ? ", error: " + e.get("error").asText() : "").append(NL);
    }
    return out.toString();
  }

  /** The answer to an accepted decision. */
  static String accepted(JsonNode d) {
    String who = text(d, "approverId") + (d.hasNonNull("approverEmail") ? " <" + d.get("approverEmail").asText() + ">" : "");
    return (d.path("approve").asBoolean() ? "Approved " : "Rejected ") + text(d, "approvalId") + " as " + who
        + ": decision " + text(d, "decisionId") + " recorded at " + text(d, "decidedAt") + "." + NL
        + "Witness counts it towards the approval's quorum; see `witness approvals show " + text(d, "approvalId")
        + "`." + NL;
  }

  private static String vote(JsonNode d) {
    // The API names the decision's kind; before it did, only the proxy decided on channel "proxy" (a cancel).
    String what = d.hasNonNull("kind") ? d.get("kind").asText()
        : "proxy".equals(d.path("channel").asText()) && !d.path("approve").asBoolean() ? "cancel"
        : d.path("approve").asBoolean() ? "approve" : "reject";
    return what + " by " + text(d, "approverId")
        + (d.hasNonNull("approverEmail") ? " <" + d.get("approverEmail").asText() + ">" : "")
        + " via " + text(d, "channel") + " at " + text(d, "decidedAt")
        + (d.hasNonNull("reason") ? ": " + d.get("reason").asText() : "");
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** Votes against the quorum: received so far while pending, counted once decided. */
  private static String votes(JsonNode a) {
    int n = a.has("votes") ? a.path("votes").size() : a.path("decisions").size();
    return n + "/" + text(a, "quorum");
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-10s %s", label + ":", value)).append(NL);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "-" : value.asText();
  }

  private static String shorten(String s) {
    String oneLine = s.replaceAll("\\s+", " ");
    return oneLine.length() <= STATEMENT_WIDTH ? oneLine : oneLine.substring(0, STATEMENT_WIDTH - 1) + "…";
  }
}
