package dev.witness.schemas.config;

/**
 * An agent that may use the proxies.
 *
 * @param id agent id, recorded on every event
 * @param tokenSha256 hex SHA-256 of the gateway-issued token (the token itself is never stored)
 * @param delegatingHuman the human this agent acts for, if known
 * @param scramSha256 optional SCRAM-SHA-256 verifier of the token, in PostgreSQL's own format
 *     {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; with it the PostgreSQL
 *     proxy authenticates the agent by SCRAM instead of asking for the token in clear
 */
public record AgentConfig(String id, String tokenSha256, String delegatingHuman, String scramSha256) {

  /** Without a SCRAM verifier. */
  public AgentConfig(String id, String tokenSha256, String delegatingHuman) {
    this(id, tokenSha256, delegatingHuman, null);
  }

  public AgentConfig withScramSha256(String verifier) {
    return new AgentConfig(id, tokenSha256, delegatingHuman, verifier);
  }
}
