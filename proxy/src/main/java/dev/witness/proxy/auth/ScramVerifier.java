package dev.witness.proxy.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a SCRAM-SHA-256 server keeps of a password (RFC 5802): salt, iterations, StoredKey and
 * ServerKey, written as PostgreSQL writes them: {@code SCRAM-SHA-256$<i>:<salt>$<StoredKey>:<ServerKey>}.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

  private static final String PREFIX = "SCRAM-SHA-256$";
  /** PostgreSQL's default iteration count. */
  public static final int DEFAULT_ITERATIONS = 4096;

  /** Derives the verifier of {@code password} (a gateway token) with a fresh random salt. */
  public static ScramVerifier create(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return create(password, salt, DEFAULT_ITERATIONS);
  }

  public static ScramVerifier create(String password, byte[] salt, int iterations) {
    byte[] salted = ScramSha256.saltedPassword(password, salt, iterations);
    return new ScramVerifier(iterations, salt.clone(), ScramSha256.sha256(ScramSha256.hmac(salted, "Client Key")),
        ScramSha256.hmac(salted, "Server Key"));
  }

  /** Parses PostgreSQL's text form; throws IllegalArgumentException when malformed. */
  public static ScramVerifier parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    String[] halves = text.substring(PREFIX.length()).split("\\$");
    String[] params = halves.length == 2 ? halves[0].split(":") : new String[0];
    String[] keys = halves.length == 2 ? halves[1].split(":") : new String[0];
    if (params.length != 2 || keys.length != 2) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    ScramVerifier v = new ScramVerifier(Integer.parseInt(params[0]), b64.decode(params[1]), b64.decode(keys[0]),
        b64.decode(keys[1]));
    if (v.storedKey.length != 32 || v.serverKey.length != 32 || v.iterations < 1) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    return v;
  }

  /** PostgreSQL's text form, as stored in pg_authid.rolpassword and {@code agents[].scramSha256}. */
  public String text() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
        + b64.encodeToString(serverKey);
  }

  @Override
  public String toString() {
    return "ScramVerifier[iterations=" + iterations + "]";
  }
}
