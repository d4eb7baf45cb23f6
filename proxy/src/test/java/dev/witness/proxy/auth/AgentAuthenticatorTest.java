package dev.witness.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentAuthenticatorTest {

  private final AgentAuthenticator auth = new AgentAuthenticator(List.of(
      new AgentConfig("agent-a", AgentAuthenticator.sha256Hex("token-a"), "alice@example.com"),
      new AgentConfig("agent-b", AgentAuthenticator.sha256Hex("token-b").toUpperCase(), null)));

  @Test
  void knownTokenAuthenticatesItsAgent() {
    assertThat(auth.authenticateAuthorization("Bearer token-a"))
        .isEqualTo(new AuthResult.Authenticated(new AuthenticatedAgent("agent-a", "alice@example.com")));
    assertThat(auth.authenticateAuthorization("bearer   token-b "))
        .isEqualTo(new AuthResult.Authenticated(new AuthenticatedAgent("agent-b", null)));
  }

  @Test
  void absentOrNonBearerCredentialIsAMissingToken() {
    assertThat(auth.authenticateAuthorization(null)).isEqualTo(new AuthResult.Rejected("missing token"));
    assertThat(auth.authenticateAuthorization("Bearer ")).isEqualTo(new AuthResult.Rejected("missing token"));
    assertThat(auth.authenticateAuthorization("Basic dXNlcjpwYXNz")).isEqualTo(new AuthResult.Rejected("missing token"));
  }

  @Test
  void unknownTokenIsRejectedWithoutEchoingIt() {
    AuthResult result = auth.authenticateAuthorization("Bearer token-zzz");
    assertThat(result).isEqualTo(new AuthResult.Rejected("unknown token"));
    assertThat(result.toString()).doesNotContain("token-zzz");
  }

  @Test
  void sha256HexMatchesSha256sum() {
    // printf %s abc | sha256sum
    assertThat(AgentAuthenticator.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void badConfiguredHashNamesTheField() {
    assertThatThrownBy(() -> new AgentAuthenticator(List.of(new AgentConfig("x", "not-hex", null))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("agents[0]")
        .hasMessageContaining("tokenSha256");
  }

  @Test
  void scramVerifiersAreOfferedPerAgentAndABadOneNamesTheField() {
    String hash = AgentAuthenticator.sha256Hex("t");
    ScramVerifier verifier = ScramVerifier.create("t");
    AgentAuthenticator auth = new AgentAuthenticator(List.of(
        new AgentConfig("with", hash, null).withScramSha256(verifier.text()), new AgentConfig("without", hash, null)));

    assertThat(auth.scramAgent("with")).hasValueSatisfying(a -> {
      assertThat(a.agent().id()).isEqualTo("with");
      assertThat(a.verifier().text()).isEqualTo(verifier.text());
    });
    assertThat(auth.scramAgent("without")).isEmpty();
    assertThat(auth.scramAgent("nobody")).isEmpty();
    assertThatThrownBy(() -> new AgentAuthenticator(List.of(new AgentConfig("x", hash, null).withScramSha256("md5x"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("agents[0].scramSha256");
  }
}
