package dev.witness.evidence.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.evidence.approval.DecisionInput.InvalidDecision;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Whitespace;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DecisionInputTest {

  @Test
  void approvalNeedsNoReason() {
    assertThat(DecisionInput.parse("{\"approve\": true}")).isEqualTo(new DecisionInput(true, null));
    assertThat(DecisionInput.parse("{\"approve\": true, \"reason\": \" ok \"}")).isEqualTo(new DecisionInput(true, "ok"));
    assertThat(DecisionInput.parse("{\"approve\": true, \"reason\": null}")).isEqualTo(new DecisionInput(true, null));
  }

  @Test
  void rejectionNeedsAReason() {
    assertThat(DecisionInput.parse("{\"approve\": false, \"reason\": \"no ticket\"}"))
        .isEqualTo(new DecisionInput(false, "no ticket"));
    assertInvalid("{\"approve\": false}", "reason");
    assertInvalid("{\"approve\": false, \"reason\": \"   \"}", "reason");
  }

  @Test
  void malformedBodiesNameTheField() {
    assertInvalid("", "body");
    assertInvalid("not json", "body");
    assertInvalid("[true]", "body");
    assertInvalid("{}", "approve");
    assertInvalid("{\"approve\": \"true\"}", "approve");
    assertInvalid("{\"approve\": 1}", "approve");
    assertInvalid("{\"approve\": true, \"reason\": 5}", "reason");
    assertInvalid("{\"approve\": true, \"approver\": \"mallory\"}", "approver");
    assertInvalid("{\"approve\": true, \"reason\": \"" + "x".repeat(DecisionInput.MAX_REASON_CHARS + 1) + "\"}",
        "reason");
  }

  @Property
  void noRejectionWithoutAReason(@ForAll @Whitespace @StringLength(max = 20) String blank) {
    String body = new ObjectMapper().createObjectNode().put("approve", false).put("reason", blank).toString();
    assertThatThrownBy(() -> DecisionInput.parse(body)).isInstanceOf(InvalidDecision.class);
  }

  private static void assertInvalid(String body, String field) {
    assertThatThrownBy(() -> DecisionInput.parse(body))
        .isInstanceOfSatisfying(InvalidDecision.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
