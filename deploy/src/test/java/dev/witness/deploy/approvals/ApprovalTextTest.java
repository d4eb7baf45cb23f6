package dev.witness.deploy.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApprovalTextTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void tableAlignsColumnsAndShortensLongStatements() throws Exception {
    JsonNode approvals = json("""
        [{"approvalId": "a-1", "state": "pending", "requestedAt": "2025-01-01T00:00:00.000000Z",
          "expiresAt": "2025-01-01T00:05:00.000000Z", "agent": {"id": "agent-7"}, "purpose": "T-1",
          "resource": "postgres:demo", "risk": "HIGH", "quorum": 2, "votes": [{"approverId": "x"}],
          "statement": "UPDATE customers\\n SET email = ? WHERE id IN (SELECT id FROM customers WHERE region = ?)"},
         {"approvalId": "a-22", "state": "pending", "requestedAt": "2025-01-01T00:01:00.000000Z",
          "expiresAt": "2025-01-01T00:06:00.000000Z", "agent": {"id": "b"}, "resource": "http:demo", "quorum": 1}]
        """);
    String[] lines = ApprovalText.table(approvals).split(System.lineSeparator());
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("APPROVAL  STATE").endsWith("STATEMENT");
    assertThat(lines[1]).startsWith("a-1       pending").contains("agent-7").contains("HIGH").contains(" 1/2 ")
        .contains("UPDATE customers SET email = ?").endsWith("…").doesNotContain("region");
    assertThat(lines[2]).startsWith("a-22      pending").contains(" -  ");
    assertThat(lines[0].indexOf("AGENT")).isEqualTo(lines[1].indexOf("agent-7")).isEqualTo(lines[2].indexOf("b "));
  }

  @Test
  void emptyListSaysSo() throws Exception {
    assertThat(ApprovalText.table(json("[]"))).isEqualTo("No approvals." + System.lineSeparator());
  }

  @Test
  void detailShowsVotesRefusalsAndExecution() throws Exception {
    String text = ApprovalText.detail(json("""
        {"approval": {"approvalId": "a-1", "state": "approved", "agent": {"id": "agent-7", "delegatingHuman": "h@x"},
          "protocol": "SQL", "resource": "postgres:demo", "statement": "DELETE FROM t WHERE id = ?", "quorum": 1,
          "approverGroup": "dba", "rules": ["r1", "r2"], "decidedAt": "2025-01-01T00:02:00.000000Z",
          "decisions": [{"approverId": "U1", "approverEmail": "u1@x", "channel": "slack", "approve": true,
            "decidedAt": "2025-01-01T00:01:59.000000Z"}],
          "refused": [{"why": "not in group dba", "decision": {"approverId": "eve", "channel": "api", "approve": true,
            "decidedAt": "2025-01-01T00:01:00.000000Z"}}]},
         "executions": [{"requestId": "r-1", "chunks": 1, "firstAt": "t1", "lastAt": "t2", "commandTag": "DELETE 1",
           "complete": true}]}
        """));
    assertThat(text).contains("Agent:     agent-7 (for h@x)").contains("Rules:     r1, r2")
        .contains("Quorum:    1 of group dba").contains("Decided:   2025-01-01T00:02:00.000000Z")
        .contains("approve by U1 <u1@x> via slack at 2025-01-01T00:01:59.000000Z")
        .contains("not counted (not in group dba): approve by eve via api")
        .contains("request r-1: DELETE 1, 1 chunk(s), t1 to t2").doesNotContain("Votes so far");
  }

  @Test
  void aCancelledApprovalShowsTheAgentsWithdrawal() throws Exception {
    String text = ApprovalText.detail(json("""
        {"approval": {"approvalId": "a-3", "state": "cancelled", "quorum": 1,
          "decisions": [{"approverId": "demo-agent", "channel": "proxy", "approve": false,
            "decidedAt": "2025-01-01T00:01:00.000000Z", "reason": "the agent's connection closed"}]},
         "executions": []}
        """));
    assertThat(text).contains("cancel by demo-agent via proxy at 2025-01-01T00:01:00.000000Z: the agent's connection closed")
        .doesNotContain("reject by");
  }

  @Test
  void theDecisionKindTheApiNamesIsShown() throws Exception {
    String text = ApprovalText.detail(json("""
        {"approval": {"approvalId": "a-4", "state": "cancelled", "quorum": 1,
          "decisions": [{"kind": "cancel", "approverId": "demo-agent", "channel": "api", "approve": false,
            "decidedAt": "2025-01-01T00:01:00.000000Z", "reason": "withdrawn"}]},
         "executions": []}
        """));
    assertThat(text).contains("cancel by demo-agent via api").doesNotContain("reject by");
  }

  @Test
  void pendingDetailShowsTheVotesSoFar() throws Exception {
    String text = ApprovalText.detail(json("""
        {"approval": {"approvalId": "a-2", "state": "pending", "quorum": 2, "decisions": [],
          "votes": [{"approverId": "bob", "approverEmail": "bob@x", "channel": "api", "approve": true,
            "decidedAt": "2025-01-01T00:01:00.000000Z", "reason": "ok"}]},
         "executions": []}
        """));
    assertThat(text).contains("Votes so far").contains("approve by bob <bob@x> via api at 2025-01-01T00:01:00.000000Z: ok")
        .doesNotContain("Decisions:").contains("Execution:\n  none recorded".replace("\n", System.lineSeparator()));
  }
}
