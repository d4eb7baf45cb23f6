package dev.witness.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802/7677) without channel binding: proves
 * the client knows the password behind a {@link ScramVerifier} without the password being sent.
 */
public final class ScramServer {

  public static final String MECHANISM = "SCRAM-SHA-256";

  private final ScramVerifier verifier;
  private final String serverNonceSuffix;
  private String clientFirstBare;
  private String serverFirst;
  private String gs2Header;
  private String nonce;

  public ScramServer(ScramVerifier verifier) {
    this(verifier, randomNonce());
  }

  /** With a fixed nonce part, for tests against published vectors. */
  public ScramServer(ScramVerifier verifier, String serverNonceSuffix) {
    this.verifier = verifier;
    this.serverNonceSuffix = serverNonceSuffix;
  }

  /** Answers client-first-message with server-first-message; throws IllegalArgumentException if malformed. */
  public String serverFirstMessage(String clientFirst) {
    // gs2-header: "n,," (no channel binding) or "y,," (client could, server does not offer it).
    if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
      throw new IllegalArgumentException("channel binding is not supported");
    }
    int bare = clientFirst.indexOf(',', 2) + 1;
    if (bare <= 0) {
      throw new IllegalArgumentException("malformed client-first-message");
    }
    gs2Header = clientFirst.substring(0, bare);
    clientFirstBare = clientFirst.substring(bare);
    String clientNonce = attribute(clientFirstBare, 'r');
    nonce = clientNonce + serverNonceSuffix;
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
        + verifier.iterations();
    return serverFirst;
  }

  /**
   * Checks client-final-message; returns server-final-message on success, null when the proof is
   * wrong (the password does not match).
   */
  public String serverFinalMessage(String clientFinal) {
    if (serverFirst == null) {
      throw new IllegalStateException("client-first-message not seen");
    }
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new IllegalArgumentException("client-final-message lacks a proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.US_ASCII));
    if (!binding.equals(attribute(withoutProof, 'c')) || !nonce.equals(attribute(withoutProof, 'r'))) {
      return null;
    }
    byte[] proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = ScramSha256.hmac(verifier.storedKey(), authMessage);
    if (proof.length != signature.length) {
      return null;
    }
    byte[] clientKey = ScramSha256.xor(proof, signature);
    if (!MessageDigest.isEqual(ScramSha256.sha256(clientKey), verifier.storedKey())) {
      return null;
    }
    return "v=" + Base64.getEncoder().encodeToString(ScramSha256.hmac(verifier.serverKey(), authMessage));
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new IllegalArgumentException("SCRAM message lacks attribute " + name);
  }

  private static String randomNonce() {
    byte[] raw = new byte[18];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }
}
