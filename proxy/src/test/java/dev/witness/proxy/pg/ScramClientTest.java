package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 example exchange of RFC 7677, section 3. */
class ScramClientTest {

  private static final String SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

  @Test
  void producesTheRfcClientProofAndAcceptsTheRfcServerSignature() {
    ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");

    assertThat(client.clientFirstMessage()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    assertThat(client.clientFinalMessage(SERVER_FIRST)).isEqualTo(
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    client.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  }

  @Test
  void refusesAWrongServerSignatureAndANonceItDidNotStart() {
    ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
    client.clientFinalMessage(SERVER_FIRST);

    assertThatThrownBy(() -> client.verifyServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
        .hasMessageContaining("signature does not match");
    assertThatThrownBy(() -> new ScramClient("", "pencil", "abc").clientFinalMessage(SERVER_FIRST))
        .hasMessageContaining("nonce");
  }
}
