package dev.witness.evidence.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.ApiUserConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiAuthenticatorTest {

  static String hash(String token) {
    return HexFormat.of().formatHex(ApiAuthenticator.sha256(token));
  }

  private final ApiAuthenticator authenticator = new ApiAuthenticator(List.of(
      new ApiUserConfig("auditor-1", hash("tok-auditor"), List.of("auditor")),
      new ApiUserConfig("approver-1", hash("tok-approver").toUpperCase(), List.of("approver"))));

  @Test
  void knownTokensResolveToTheirUser() {
    assertThat(authenticator.authenticate("tok-auditor")).hasValueSatisfying(p -> {
      assertThat(p.id()).isEqualTo("auditor-1");
      assertThat(p.hasAnyRole(Set.of("auditor", "admin"))).isTrue();
    });
    assertThat(authenticator.authenticate("tok-approver")).hasValueSatisfying(p ->
        assertThat(p.hasAnyRole(Set.of("auditor", "admin"))).isFalse());
  }

  @Test
  void unknownTokensResolveToNobody() {
    assertThat(authenticator.authenticate("tok-other")).isEmpty();
    assertThat(authenticator.authenticate("")).isEmpty();
  }

  @Test
  void configurationErrorsNameTheUser() {
    assertThatThrownBy(() -> new ApiAuthenticator(List.of(new ApiUserConfig("bob", "not-hex", List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bob'")
        .hasMessageContaining("tokenSha256");
    assertThatThrownBy(() -> new ApiAuthenticator(List.of(new ApiUserConfig("bob", hash("a"), List.of()),
        new ApiUserConfig("bob", hash("b"), List.of()))))
        .hasMessageContaining("Duplicate API user id 'bob'");
  }
}
