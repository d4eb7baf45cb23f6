package dev.witness.proxy.pg;

import dev.witness.proxy.auth.ScramSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The client side of SCRAM-SHA-256 (RFC 5802/7677) without channel binding, as PostgreSQL speaks it. */
final class ScramClient {

  static final String MECHANISM = "SCRAM-SHA-256";
  private static final String GS2_HEADER = "n,,";

  private final String password;
  private final String clientFirstBare;
  private final String nonce;
  private byte[] expectedServerSignature;

  /** PostgreSQL ignores the SCRAM user name (it uses the startup user), so it is usually empty. */
  ScramClient(String user, String password, String nonce) {
    this.password = password;
    this.nonce = nonce;
    this.clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
  }

  static ScramClient withRandomNonce(String password) {
    byte[] raw = new byte[18];
    new SecureRandom().nextBytes(raw);
    return new ScramClient("", password, Base64.getEncoder().encodeToString(raw));
  }

  String clientFirstMessage() {
    return GS2_HEADER + clientFirstBare;
  }

  /** Answers server-first-message with client-final-message. */
  String clientFinalMessage(String serverFirst) {
    String serverNonce = attribute(serverFirst, 'r');
    if (!serverNonce.startsWith(nonce)) {
      throw new IllegalStateException("SCRAM server nonce does not extend the client nonce");
    }
    byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
    int iterations = Integer.parseInt(attribute(serverFirst, 'i'));
    byte[] salted = ScramSha256.saltedPassword(password, salt, iterations);
    byte[] clientKey = ScramSha256.hmac(salted, "Client Key");
    byte[] storedKey = ScramSha256.sha256(clientKey);
    String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII))
        + ",r=" + serverNonce;
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = ScramSha256.hmac(storedKey, authMessage);
    byte[] proof = ScramSha256.xor(clientKey, signature);
    expectedServerSignature = ScramSha256.hmac(ScramSha256.hmac(salted, "Server Key"), authMessage);
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /** Checks server-final-message: the server proves it knew the password too. */
  void verifyServerFinal(String serverFinal) {
    if (serverFinal.startsWith("e=")) {
      throw new IllegalStateException("SCRAM server error " + serverFinal.substring(2));
    }
    byte[] signature = Base64.getDecoder().decode(attribute(serverFinal, 'v'));
    if (expectedServerSignature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
      throw new IllegalStateException("SCRAM server signature does not match");
    }
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new IllegalStateException("SCRAM message lacks attribute " + name);
  }
}
