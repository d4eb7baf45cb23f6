package dev.witness.proxy.auth;

/** The outcome of checking a presented credential. */
public sealed interface AuthResult {

  /** The credential belongs to {@code agent}. */
  record Authenticated(AuthenticatedAgent agent) implements AuthResult {}

  /** No agent matches; {@code reason} never contains the credential. */
  record Rejected(String reason) implements AuthResult {}
}
