package dev.witness.proxy.event;

import dev.witness.proxy.auth.AuthenticatedAgent;

/**
 * What every event of one request/response exchange shares, whatever the protocol.
 *
 * @param requestId correlates the request with its verdict and response chunks
 * @param sessionId the key of every event, so a session is processed in order
 * @param agent who sent the request
 * @param purpose the purpose the agent stated, if any
 * @param resource the target as recorded in evidence, e.g. {@code http:demo}
 * @param replyPartition this proxy instance's partition of {@code witness.replies}
 */
public record ExchangeContext(
    String requestId, String sessionId, AuthenticatedAgent agent, String purpose, String resource, int replyPartition) {}
