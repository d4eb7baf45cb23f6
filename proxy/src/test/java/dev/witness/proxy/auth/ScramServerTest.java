package dev.witness.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 example exchange of RFC 7677, section 3, from the server's side. */
class ScramServerTest {

  private static final ScramVerifier PENCIL =
      ScramVerifier.create("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

  @Test
  void acceptsTheRfcClientAndAnswersTheRfcServerSignature() {
    ScramServer server = new ScramServer(PENCIL, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

    assertThat(server.serverFirstMessage("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")).isEqualTo(
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    assertThat(server.serverFinalMessage("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
        .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  }

  @Test
  void refusesAWrongProofAWrongNonceAndChannelBinding() {
    ScramServer server = new ScramServer(PENCIL, "xyz");
    server.serverFirstMessage("n,,n=,r=abc");

    assertThat(server.serverFinalMessage("c=biws,r=abcxyz,p=" + Base64.getEncoder().encodeToString(new byte[32])))
        .isNull();
    assertThat(server.serverFinalMessage("c=biws,r=other,p=AAAA")).isNull();
    assertThatThrownBy(() -> new ScramServer(PENCIL).serverFirstMessage("p=tls-server-end-point,,n=,r=abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifiersRoundTripThroughPostgresTextForm() {
    ScramVerifier v = ScramVerifier.create("token-1");

    ScramVerifier parsed = ScramVerifier.parse(v.text());

    assertThat(parsed.text()).isEqualTo(v.text()).startsWith("SCRAM-SHA-256$4096:");
    assertThat(parsed.toString()).doesNotContain(Base64.getEncoder().encodeToString(v.storedKey()));
    assertThatThrownBy(() -> ScramVerifier.parse("md5abc")).isInstanceOf(IllegalArgumentException.class);
  }
}
