package dev.witness.proxy.auth;

/**
 * Who sent a request, as Witness authenticated it.
 *
 * @param id the agent id from the configuration, or {@code anonymous}
 * @param delegatingHuman the human the agent acts for, if known
 */
public record AuthenticatedAgent(String id, String delegatingHuman) {

  /** Recorded on events of requests whose authentication failed. */
  public static final AuthenticatedAgent ANONYMOUS = new AuthenticatedAgent("anonymous", null);
}
