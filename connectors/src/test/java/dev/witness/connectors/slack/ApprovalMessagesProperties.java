package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.RefusedDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever an approval carries, the messages stay within Slack's Block Kit limits: Slack refuses
 * a message over any of them ({@code invalid_blocks}), and approvers would never see the request.
 */
class ApprovalMessagesProperties {

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("<>&`*_~").ofMaxLength(4000),
        // Worst case of escaping: every character grows to an entity.
        Arbitraries.strings().withChars("<&").ofMinLength(100).ofMaxLength(700),
        Arbitraries.strings().ofMinLength(500).ofMaxLength(9000));
  }

  @Provide
  Arbitrary<ApprovalView> views() {
    Arbitrary<String> text = anyText();
    Arbitrary<String> nullable = text.injectNull(0.2);
    Arbitrary<List<String>> rules = text.list().ofMaxSize(30);
    return Combinators.combine(nullable, nullable, nullable, nullable, nullable, rules,
            Arbitraries.integers().between(1, 50))
        .as((agent, human, purpose, target, statement, ruleIds, quorum) -> new ApprovalView(
            "appr-0192f3a4-7b8c-7def-8123-456789abcdef", agent, human, purpose, target, "SQL", statement, "HIGH",
            ruleIds, quorum, purpose, Instant.parse("2026-03-01T10:15:00Z")));
  }

  @Property(tries = 300)
  void requestMessagesFitSlacksLimits(@ForAll("views") ApprovalView view) {
    assertWithinLimits(ApprovalMessages.requested(view));
    assertThat(ApprovalMessages.requestedText(view).length()).isLessThanOrEqualTo(4000);
  }

  @Property(tries = 200)
  void finalMessagesFitSlacksLimits(@ForAll("views") ApprovalView view, @ForAll("anyText") String reason,
      @ForAll @IntRange(min = 0, max = 60) int votes) {
    List<ApprovalDecision> decisions = new ArrayList<>();
    List<RefusedDecision> refused = new ArrayList<>();
    for (int i = 0; i < votes; i++) {
      ApprovalDecision d = ApprovalDecision.newBuilder().setDecisionId("d" + i).setApprovalId(view.approvalId())
          .setChannel(i % 2 == 0 ? "slack" : "api").setApproverId("U0APPROVER" + i)
          .setApproverEmail("approver" + i + "@example.com").setApprove(i % 3 != 0).setReason(reason)
          .setDecidedAt(Instant.parse("2026-03-01T10:05:07Z")).build();
      decisions.add(d);
      refused.add(RefusedDecision.newBuilder().setDecision(d).setWhy(reason).build());
    }
    assertWithinLimits(ApprovalMessages.decided(view, ApprovalOutcome.REJECTED, decisions, refused,
        Instant.parse("2026-03-01T10:05:08Z")));
    assertWithinLimits(ApprovalMessages.expired(view, Instant.parse("2026-03-01T10:15:00Z")));
  }

  private static void assertWithinLimits(List<LayoutBlock> blocks) {
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    JsonArray json = GsonFactory.createSnakeCase().toJsonTree(blocks).getAsJsonArray();
    for (JsonElement element : json) {
      JsonObject block = element.getAsJsonObject();
      String type = block.get("type").getAsString();
      if (type.equals("header")) {
        assertThat(text(block).length()).isLessThanOrEqualTo(ApprovalMessages.MAX_HEADER_TEXT);
      }
      if (type.equals("section")) {
        if (block.has("text")) {
          assertThat(text(block).length()).isLessThanOrEqualTo(ApprovalMessages.MAX_SECTION_TEXT);
        }
        if (block.has("fields")) {
          JsonArray fields = block.getAsJsonArray("fields");
          assertThat(fields.size()).isLessThanOrEqualTo(10);
          fields.forEach(f -> assertThat(f.getAsJsonObject().get("text").getAsString().length())
              .isLessThanOrEqualTo(ApprovalMessages.MAX_FIELD_TEXT));
        }
      }
      if (type.equals("context")) {
        block.getAsJsonArray("elements").forEach(e ->
            assertThat(e.getAsJsonObject().get("text").getAsString().length()).isLessThanOrEqualTo(2000));
      }
      if (type.equals("actions")) {
        block.getAsJsonArray("elements").forEach(e -> {
          JsonObject button = e.getAsJsonObject();
          assertThat(button.get("action_id").getAsString().length()).isLessThanOrEqualTo(255);
          if (button.has("confirm")) {
            assertThat(button.getAsJsonObject("confirm").getAsJsonObject("text").get("text").getAsString().length())
                .isLessThanOrEqualTo(ApprovalMessages.MAX_CONFIRM_TEXT);
          }
        });
      }
    }
  }

  private static String text(JsonObject block) {
    return block.getAsJsonObject("text").get("text").getAsString();
  }
}
