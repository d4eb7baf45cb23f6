package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.event.Decision;
import dev.witness.streams.policy.PolicyVersion;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Configured HTTP path templates ({@code policy.pathTemplates}) and the derived ones they take precedence over. */
class PathTemplatesTest {

  private static final PathTemplates TEMPLATES = PathTemplates.of(List.of(
      "/customers/export", "/customers/{customerId}/orders", "/customers/{customerId}", "/v1/{tenant}/reports/"));

  @Test
  void theFirstMatchingTemplateWinsAndNamesTheSegmentsAsConfigured() {
    assertThat(HttpClassifier.classify("GET", "/customers/alice/orders?limit=5", TEMPLATES).http().template())
        .isEqualTo("/customers/{customerId}/orders");
    assertThat(HttpClassifier.classify("GET", "/customers/export", TEMPLATES).http().template())
        .as("a literal template listed before the variable one").isEqualTo("/customers/export");
    assertThat(HttpClassifier.classify("DELETE", "/customers/42", TEMPLATES).http().template())
        .isEqualTo("/customers/{customerId}");
    assertThat(HttpClassifier.classify("GET", "/v1/acme/reports", TEMPLATES).http().template())
        .isEqualTo("/v1/{tenant}/reports/");
  }

  @Test
  void matchingIsOnTheNormalizedPathSoEncodingsAndDotSegmentsCannotDodgeATemplate() {
    assertThat(HttpClassifier.classify("GET", "//customers/x/../bob/%6Frders", TEMPLATES).http().template())
        .isEqualTo("/customers/{customerId}/orders");
  }

  @Test
  void pathsNoTemplateMatchesGetTheDerivedTemplate() {
    assertThat(HttpClassifier.classify("GET", "/customers/42/orders/7", TEMPLATES).http().template())
        .isEqualTo("/customers/{id}/orders/{id}");
    assertThat(HttpClassifier.classify("GET", "/customers/alice/orders", PathTemplates.DERIVED).http().template())
        .isEqualTo("/customers/alice/orders");
    assertThat(HttpClassifier.classify("GET", "/", TEMPLATES).http().template()).isEqualTo("/");
  }

  @Property
  void everyPathOfAConfiguredShapeGetsThatTemplate(@ForAll("segments") String customer) {
    assertThat(TEMPLATES.templateOf("/customers/" + customer + "/orders")).isEqualTo(
        customer.equals("export") ? HttpClassifier.template("/customers/export/orders") : "/customers/{customerId}/orders");
  }

  @Provide
  Arbitrary<String> segments() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.', '0', '9').ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.equals(".") && !s.equals(".."));
  }

  @Test
  void aRuleOnAConfiguredTemplateDecidesAndTheTemplatesArePartOfThePolicyVersion() {
    PolicyRule ordersNeedApproval = new PolicyRule("customer-orders", null, null, "deny", "no order history",
        "request.http.template == '/customers/{customerId}/orders'", null, null);
    PolicyConfig policy = new PolicyConfig("allow", List.of(ordersNeedApproval), null,
        List.of("/customers/{customerId}/orders"));
    VerdictFactory factory = new VerdictFactory(policy,
        Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    assertThat(factory.verdictFor(TestEvents.http("s-1", 1, "GET", "/customers/alice/orders", 0)).getDecision())
        .isEqualTo(Decision.DENY);
    assertThat(factory.verdictFor(TestEvents.http("s-1", 2, "GET", "/customers/alice", 0)).getDecision())
        .isEqualTo(Decision.ALLOW);
    PolicyConfig withoutTemplates = new PolicyConfig("allow", List.of(ordersNeedApproval), null);
    assertThat(new VerdictFactory(withoutTemplates, Clock.systemUTC())
        .verdictFor(TestEvents.http("s-1", 3, "GET", "/customers/alice/orders", 0)).getDecision())
        .as("without the template the path of a non-numeric id is not templated").isEqualTo(Decision.ALLOW);
    assertThat(PolicyVersion.of(policy)).isNotEqualTo(PolicyVersion.of(withoutTemplates));
    assertThat(PolicyVersion.of(new PolicyConfig("allow", List.of(ordersNeedApproval), null, List.of())))
        .isEqualTo(PolicyVersion.of(withoutTemplates));
  }
}
