package dev.witness.deploy.manifests;

/**
 * Stand-in values for environment variables whose real values live in Secrets or the downward
 * API, shaped like the real ones so {@code witness.yaml} validates as it would in the pod.
 */
final class PlaceholderEnv {

  private PlaceholderEnv() {}

  static String valueFor(String variable) {
    if (variable.endsWith("_SHA256")) {
      return "a".repeat(64);
    }
    if (variable.equals("WITNESS_REPLY_PARTITION")) {
      return "1";
    }
    return "placeholder-secret-0123456789";
  }
}
