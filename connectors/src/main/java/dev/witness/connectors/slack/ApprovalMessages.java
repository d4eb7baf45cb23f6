package dev.witness.connectors.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.RefusedDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit messages of one approval: the request with Approve and Reject buttons, and the
 * final state (who decided and when, or that it expired) without buttons.
 */
public final class ApprovalMessages {

  /** Block id of the buttons, so tests and updates can find them. */
  public static final String ACTIONS_BLOCK = "witness_decision";
  /** Block id of the outcome section of a final message. */
  public static final String OUTCOME_BLOCK = "witness_outcome";

  /** Slack's limit on a section's text. */
  static final int MAX_SECTION_TEXT = 3000;
  /** Slack's limits on a header's text, a section field and a confirmation dialog's text. */
  static final int MAX_HEADER_TEXT = 150;
  static final int MAX_FIELD_TEXT = 2000;
  static final int MAX_CONFIRM_TEXT = 300;
  /** Raw characters kept of one value; escaping may grow it five-fold, two values share a field. */
  private static final int MAX_FIELD_VALUE = 150;
  /** Raw characters shown of a rejection's reason (the whole reason is in the evidence). */
  private static final int MAX_REASON_SHOWN = 500;
  private static final String NOT_PROVIDED = "_not provided_";

  private ApprovalMessages() {}

  /** The message asking for a decision. */
  public static List<LayoutBlock> requested(ApprovalView view) {
    List<LayoutBlock> blocks = describe(view, "Approval needed");
    blocks.add(actions(a -> a.blockId(ACTIONS_BLOCK).elements(List.of(
        button(b -> b.actionId(ApprovalActions.approve(view.approvalId())).value(view.approvalId())
            .style("primary").text(plainText("Approve"))
            .confirm(confirmationDialog(c -> c.title(plainText("Approve this request?"))
                .text(markdownText(Mrkdwn.cut("Witness forwards it to *"
                    + Mrkdwn.escape(Mrkdwn.cut(String.valueOf(view.target()), 60)) + "* once " + quorum(view) + ".",
                    MAX_CONFIRM_TEXT)))
                .confirm(plainText("Approve")).deny(plainText("Cancel"))))),
        button(b -> b.actionId(ApprovalActions.reject(view.approvalId())).value(view.approvalId())
            .style("danger").text(plainText("Reject")))))));
    return blocks;
  }

  /** Notification text of the request message (shown where blocks are not). */
  public static String requestedText(ApprovalView view) {
    return "Approval needed: " + Mrkdwn.escape(field(view.agentId())) + " on " + Mrkdwn.escape(field(view.target()))
        + (view.risk() == null ? "" : " (risk " + Mrkdwn.escape(field(view.risk())) + ")");
  }

  /** The final message of an approval that was decided (or cancelled): every vote, counted or not. */
  public static List<LayoutBlock> decided(ApprovalView view, ApprovalDecided event) {
    return decided(view, event.getOutcome(), event.getDecisions(), event.getRefused(), event.getHeader().getTimestamp());
  }

  static List<LayoutBlock> decided(ApprovalView view, ApprovalOutcome outcome, List<ApprovalDecision> decisions,
      List<RefusedDecision> refused, Instant decidedAt) {
    List<LayoutBlock> blocks = describe(view, title(outcome));
    StringBuilder text = new StringBuilder(icon(outcome) + " *" + title(outcome) + "* " + Mrkdwn.date(decidedAt));
    for (ApprovalDecision d : decisions) {
      String verb = "cancel".equals(d.getKind()) ? "🚫 withdrawn by " : d.getApprove() ? "✅ approved by " : "❌ rejected by ";
      text.append("\n").append(verb).append(approver(d))
          .append(" at ").append(Mrkdwn.date(d.getDecidedAt()));
      if (d.getReason() != null && !d.getReason().isBlank()) {
        text.append(": _").append(Mrkdwn.escape(Mrkdwn.cut(d.getReason().strip(), MAX_REASON_SHOWN))).append("_");
      }
    }
    for (RefusedDecision r : refused) {
      String what = "cancel".equals(r.getDecision().getKind()) ? "withdrawal"
          : r.getDecision().getApprove() ? "approval" : "rejection";
      text.append("\n⚠️ not counted: ").append(what).append(" by ")
          .append(approver(r.getDecision())).append(" (").append(Mrkdwn.escape(field(r.getWhy()))).append(")");
    }
    String outcomeText = Mrkdwn.cut(text.toString(), MAX_SECTION_TEXT);
    blocks.add(section(s -> s.blockId(OUTCOME_BLOCK).text(markdownText(outcomeText))));
    return blocks;
  }

  /** Notification text of a decided message. */
  public static String decidedText(ApprovalView view, ApprovalDecided event) {
    return decidedText(view, event.getOutcome(), event.getDecisions());
  }

  static String decidedText(ApprovalView view, ApprovalOutcome outcome, List<ApprovalDecision> decisions) {
    List<String> who = decisions.stream().map(ApprovalMessages::approverPlain).toList();
    return title(outcome) + ": " + Mrkdwn.escape(field(view.agentId())) + " on " + Mrkdwn.escape(field(view.target()))
        + (who.isEmpty() ? "" : " by " + String.join(", ", who));
  }

  /** The final message of an approval that timed out before quorum. */
  public static List<LayoutBlock> expired(ApprovalView view, Instant expiredAt) {
    List<LayoutBlock> blocks = describe(view, "Expired");
    String text = "⌛ *Expired* " + Mrkdwn.date(expiredAt) + " without a decision; the request was not forwarded.";
    blocks.add(section(s -> s.blockId(OUTCOME_BLOCK).text(markdownText(text))));
    return blocks;
  }

  /** Notification text of an expired message. */
  public static String expiredText(ApprovalView view) {
    return "Expired: " + Mrkdwn.escape(field(view.agentId())) + " on " + Mrkdwn.escape(field(view.target()));
  }

  private static List<LayoutBlock> describe(ApprovalView view, String title) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(Mrkdwn.cut(title + ": " + field(view.agentId()) + " on "
        + field(view.target()), MAX_HEADER_TEXT)))));
    List<TextObject> fields = new ArrayList<>();
    String agent = Mrkdwn.escape(field(view.agentId()))
        + (view.delegatingHuman() == null ? "" : " (for " + Mrkdwn.escape(field(view.delegatingHuman())) + ")");
    fields.add(markdownText("*Agent*\n" + agent));
    fields.add(markdownText("*Purpose*\n" + optional(view.purpose())));
    fields.add(markdownText("*Target*\n" + Mrkdwn.escape(field(view.target()))
        + (view.protocol() == null ? "" : " (" + view.protocol() + ")")));
    fields.add(markdownText("*Risk*\n" + optional(view.risk())));
    fields.add(markdownText("*Rules*\n" + (view.rules().isEmpty() ? NOT_PROVIDED
        : Mrkdwn.escape(field(String.join(", ", view.rules()))))));
    fields.add(markdownText("*Needs*\n" + quorum(view)
        + (view.approverGroup() == null ? "" : " from " + Mrkdwn.escape(field(view.approverGroup())))));
    blocks.add(section(s -> s.fields(fields)));
    String statement = view.statement() == null
        ? "*Statement*\n" + NOT_PROVIDED
        : "*Statement*\n" + Mrkdwn.codeBlock(view.statement(), MAX_SECTION_TEXT - "*Statement*\n".length());
    blocks.add(section(s -> s.text(markdownText(statement))));
    String expires = view.expiresAt() == null ? "" : " · expires " + Mrkdwn.date(view.expiresAt());
    blocks.add(context(c -> c.elements(List.of(
        markdownText("Approval `" + Mrkdwn.escape(field(view.approvalId())) + "`" + expires)))));
    return blocks;
  }

  private static String quorum(ApprovalView view) {
    return view.quorum() <= 1 ? "1 approval" : view.quorum() + " approvals";
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? NOT_PROVIDED : Mrkdwn.escape(field(value));
  }

  private static String field(String value) {
    return value == null ? "unknown" : Mrkdwn.cut(value, MAX_FIELD_VALUE);
  }

  private static String approver(ApprovalDecision d) {
    String who = "slack".equals(d.getChannel()) ? Mrkdwn.user(d.getApproverId()) : Mrkdwn.escape(field(d.getApproverId()));
    String email = d.getApproverEmail() == null ? "" : " (" + Mrkdwn.escape(field(d.getApproverEmail())) + ")";
    String via = "slack".equals(d.getChannel()) ? "" : " via " + Mrkdwn.escape(field(d.getChannel()));
    return who + email + via;
  }

  private static String approverPlain(ApprovalDecision d) {
    return Mrkdwn.escape(field(d.getApproverEmail() != null ? d.getApproverEmail() : d.getApproverId()));
  }

  private static String title(ApprovalOutcome outcome) {
    return switch (outcome) {
      case APPROVED -> "Approved";
      case REJECTED -> "Rejected";
      case EXPIRED -> "Expired";
      case CANCELLED -> "Cancelled";
    };
  }

  private static String icon(ApprovalOutcome outcome) {
    return switch (outcome) {
      case APPROVED -> "✅";
      case REJECTED -> "❌";
      case EXPIRED -> "⌛";
      case CANCELLED -> "🚫";
    };
  }
}
