package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code policy.pathTemplates}: read from witness.yaml, and each bad template named with its fix. */
class PathTemplatesConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsTheTemplatesInOrder() {
    WitnessConfig config = loader.parse("""
        policy:
          pathTemplates:
            - /customers/{customerId}/orders
            - /customers/export
            - /
        """, "witness.yaml");

    assertThat(config.policy().pathTemplates()).containsExactly("/customers/{customerId}/orders", "/customers/export", "/");
    assertThat(PathTemplate.parse("/customers/{customerId}/orders").segments())
        .containsExactly("customers", "{customerId}", "orders");
    assertThat(PathTemplate.parse("/customers/{customerId}/orders").isVariable(1)).isTrue();
    assertThat(PathTemplate.parse("/").segments()).isEmpty();
    assertThat(loader.parse("policy: {}", "witness.yaml").policy().pathTemplates()).isEmpty();
  }

  @Test
  void eachBadTemplateIsNamedWithWhatIsWrongAndHowToWriteIt() {
    assertThatThrownBy(() -> loader.parse("""
        policy:
          pathTemplates:
            - customers/{id}
            - /customers/{id
            - /customers/x{id}
            - /a//b
            - /a/{x}/{x}
            - /orders/{orderId}
            - /orders/{other}
            - /search?q={q}
            - /a/../b
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.pathTemplates[0]: 'customers/{id}' must start with '/'")
        .hasMessageContaining("policy.pathTemplates[1]: '/customers/{id' segment '{id' is not a variable; a variable is a whole segment {name}")
        .hasMessageContaining("policy.pathTemplates[2]: '/customers/x{id}' segment 'x{id}' is not a variable")
        .hasMessageContaining("policy.pathTemplates[3]: '/a//b' has an empty segment")
        .hasMessageContaining("policy.pathTemplates[4]: '/a/{x}/{x}' names variable {x} twice")
        .hasMessageContaining("policy.pathTemplates[6]: '/orders/{other}' matches the same paths as an earlier template")
        .hasMessageContaining("policy.pathTemplates[7]: '/search?q={q}' has a query or fragment")
        .hasMessageContaining("policy.pathTemplates[8]: '/a/../b' has a '..' segment")
        .message().doesNotContain("policy.pathTemplates[5]");
  }

  @Test
  void aPolicyBuiltInCodeHasNoTemplatesUnlessGiven() {
    assertThat(new PolicyConfig("allow", List.of()).pathTemplates()).isEmpty();
    assertThat(new PolicyConfig("allow", List.of(), null, List.of("/a/{b}")).pathTemplates()).containsExactly("/a/{b}");
  }
}
