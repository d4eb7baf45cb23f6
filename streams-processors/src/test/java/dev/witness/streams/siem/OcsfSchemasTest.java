package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The schemas reject what OCSF forbids, so a passing validation means something. */
class OcsfSchemasTest {

  @Test
  void aValidEventPasses() {
    assertThat(OcsfSchemas.problems(valid().toString())).isEmpty();
  }

  @Test
  void missingRequiredAttributesFail() {
    assertThat(problemsAfter(e -> e.remove("severity_id"))).isNotEmpty();
    assertThat(problemsAfter(e -> e.remove("time"))).isNotEmpty();
    assertThat(problemsAfter(e -> ((ObjectNode) e.get("metadata")).remove("product"))).isNotEmpty();
    assertThat(problemsAfter(e -> ((ObjectNode) e.get("metadata")).remove("version"))).isNotEmpty();
  }

  @Test
  void wrongUidArithmeticFails() {
    assertThat(problemsAfter(e -> e.put("type_uid", 400299))).isNotEmpty();
    assertThat(problemsAfter(e -> e.put("category_uid", 6))).isNotEmpty();
  }

  @Test
  void valuesOutsideTheirEnumOrTypeFail() {
    assertThat(problemsAfter(e -> e.put("severity_id", 7))).isNotEmpty();
    assertThat(problemsAfter(e -> e.put("status_id", 3))).isNotEmpty();
    assertThat(problemsAfter(e -> e.put("disposition_id", 28))).isNotEmpty();
    assertThat(problemsAfter(e -> e.put("time", "2026-03-01T12:00:00Z"))).isNotEmpty();
    assertThat(problemsAfter(e -> e.put("activity_id", 9).put("type_uid", 400209))).isNotEmpty();
  }

  @Test
  void anActorNamingNobodyFails() {
    assertThat(problemsAfter(e -> e.putObject("actor"))).isNotEmpty();
  }

  @Test
  void classesWitnessDoesNotEmitAreRejected() {
    assertThat(problemsAfter(e -> e.put("class_uid", 1001))).isNotEmpty();
  }

  private static java.util.List<String> problemsAfter(Consumer<ObjectNode> change) {
    ObjectNode event = valid();
    change.accept(event);
    return OcsfSchemas.problems(event.toString());
  }

  private static ObjectNode valid() {
    RequestIntercepted request = TestEvents.http("s", 1, "GET", "/", 0);
    return HttpActivityMapper.map(request, (HttpRequest) request.getBody(),
        Outcome.of(SiemEvents.verdict(request, Decision.ALLOW, null)), SiemEvents.NOW).json().deepCopy();
  }
}
