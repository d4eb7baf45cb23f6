package dev.witness.schemas.config;

/**
 * An agent that may use the proxies.
 *
 * @param id agent id, recorded on every event
 * @param tokenSha256 hex SHA-256 of the gateway-issued token (the token itself is never stored)
 * @param delegatingHuman the human this agent acts for, if known
 */
public record AgentConfig(String id, String tokenSha256, String delegatingHuman) {}
