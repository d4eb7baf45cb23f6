package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.RefusedDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalMessagesTest {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final Instant EXPIRES = Instant.parse("2026-03-01T10:15:00Z");

  private static ApprovalView view(String statement, String purpose) {
    return new ApprovalView("appr-1", "billing-agent", "dana@example.com", purpose, "postgres:demo", "SQL",
        statement, "high", List.of("destructive-sql"), 2, "dba", EXPIRES);
  }

  private static String json(List<LayoutBlock> blocks) {
    // The SDK's own snake_case Gson, as chat.postMessage sends them, without HTML escaping for readable asserts.
    return GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create().toJson(blocks);
  }

  private static ApprovalDecision decision(String user, String email, boolean approve, String reason, String channel) {
    return ApprovalDecision.newBuilder().setDecisionId("d-" + user).setApprovalId("appr-1").setChannel(channel)
        .setApproverId(user).setApproverEmail(email).setApprove(approve).setReason(reason)
        .setDecidedAt(Instant.parse("2026-03-01T10:05:07Z")).build();
  }

  @Test
  void theRequestShowsEverythingAnApproverNeedsAndTwoButtonsCarryingTheApprovalId() {
    List<LayoutBlock> blocks = ApprovalMessages.requested(view("DELETE FROM customers", "JIRA-1 cleanup"));

    String json = json(blocks);
    assertThat(json).contains("billing-agent (for dana@example.com)").contains("JIRA-1 cleanup")
        .contains("postgres:demo (SQL)").contains("*Risk*\\nhigh").contains("destructive-sql")
        .contains("2 approvals from dba").contains("```DELETE FROM customers```")
        .contains("<!date^" + EXPIRES.getEpochSecond() + "^");
    ActionsBlock actions = (ActionsBlock) blocks.get(blocks.size() - 1);
    assertThat(actions.getBlockId()).isEqualTo(ApprovalMessages.ACTIONS_BLOCK);
    assertThat(actions.getElements()).extracting(e -> ((ButtonElement) e).getActionId())
        .containsExactly("witness_approve:appr-1", "witness_reject:appr-1");
    assertThat(actions.getElements()).extracting(e -> ((ButtonElement) e).getStyle()).containsExactly("primary", "danger");
  }

  @Test
  void agentSuppliedTextCannotPingOrFormat() {
    String json = json(ApprovalMessages.requested(view("SELECT 1 -- <!channel> ``` <@U999>", "<!here> urgent & <http://x|click>")));

    assertThat(json).doesNotContain("<!channel>").doesNotContain("<!here>").doesNotContain("<@U999>")
        .doesNotContain("<http://x|click>").contains("&lt;!here&gt; urgent &amp;");
  }

  @Test
  void missingStatementAndRiskAreShownAsNotProvided() {
    String json = json(ApprovalMessages.requested(new ApprovalView("appr-2", "a", null, null, "t", null, null, null,
        List.of(), 1, null, null)));

    assertThat(json).contains("*Statement*\\n_not provided_").contains("*Risk*\\n_not provided_")
        .contains("*Purpose*\\n_not provided_").contains("1 approval");
  }

  @Test
  void aLongStatementIsCutToFitSlacksLimit() {
    List<LayoutBlock> blocks = ApprovalMessages.requested(view("SELECT '" + "x".repeat(10_000) + "'", "p"));

    String statement = GSON.toJsonTree(blocks.get(2)).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
    assertThat(statement.length()).isLessThanOrEqualTo(3000);
    assertThat(statement).contains("characters, cut").endsWith("```");
  }

  @Test
  void aDecidedMessageNamesEachApproverAndWhenAndHasNoButtons() {
    List<LayoutBlock> blocks = ApprovalMessages.decided(view("DELETE", "p"), ApprovalOutcome.APPROVED, List.of(
        decision("U0ALICE", "alice@example.com", true, null, "slack"),
        decision("ops-lead", null, true, "checked backups", "cli")),
        List.of(RefusedDecision.newBuilder().setDecision(decision("U0EVE", "eve@example.com", true, null, "slack"))
            .setWhy("not in group dba").build()),
        Instant.parse("2026-03-01T10:05:08Z"));

    String json = json(blocks);
    assertThat(blocks).noneMatch(b -> b instanceof ActionsBlock);
    assertThat(json).contains("Approved").contains("approved by <@U0ALICE> (alice@example.com) at <!date^")
        .contains("approved by ops-lead via cli").contains("_checked backups_")
        .contains("not counted: approval by <@U0EVE> (eve@example.com) (not in group dba)");
    assertThat(ApprovalMessages.decidedText(view("DELETE", "p"), ApprovalOutcome.APPROVED, List.of(
        decision("U0ALICE", "alice@example.com", true, null, "slack")))).isEqualTo("Approved: billing-agent on postgres:demo by alice@example.com");
  }

  @Test
  void aCancelledMessageSaysTheAgentWithdrewAndALaterClickWasNotCounted() {
    ApprovalDecision cancel = ApprovalDecision.newBuilder(decision("billing-agent", null, false,
        "the agent's connection closed", "proxy")).setKind("cancel").build();
    List<LayoutBlock> blocks = ApprovalMessages.decided(view("DELETE", "p"), ApprovalOutcome.CANCELLED,
        List.of(cancel), List.of(), Instant.parse("2026-03-01T10:05:08Z"));

    String json = json(blocks);
    assertThat(blocks).noneMatch(b -> b instanceof ActionsBlock);
    assertThat(json).contains("Cancelled").contains("withdrawn by billing-agent via proxy")
        .contains("_the agent's connection closed_").doesNotContain("rejected by");
  }

  @Test
  void anExpiredMessageSaysNothingWasForwarded() {
    List<LayoutBlock> blocks = ApprovalMessages.expired(view("DELETE", "p"), EXPIRES);

    assertThat(blocks).noneMatch(b -> b instanceof ActionsBlock);
    assertThat(json(blocks)).contains("*Expired*").contains("not forwarded");
  }
}
