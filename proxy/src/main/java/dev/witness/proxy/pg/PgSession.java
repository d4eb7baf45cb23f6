package dev.witness.proxy.pg;

import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.proxy.event.ExchangeContext;

/**
 * One agent connection to the PostgreSQL proxy, as every event of it records it.
 *
 * @param sessionId one per connection, or the agent session it joined ({@code -c witness.session=})
 * @param database the database the agent opened
 * @param authMethod how the agent proved its token, recorded on every statement
 * @param toolCallId the model's tool call this connection serves ({@code -c witness.tool_call_id=}), or null
 * @param joined whether {@code sessionId} was named by the agent (shared with its other connections)
 */
record PgSession(String sessionId, AuthenticatedAgent agent, String purpose, String database, String resource,
    int replyPartition, String authMethod, String toolCallId, boolean joined) {

  /** A connection that is its own session. */
  PgSession(String sessionId, AuthenticatedAgent agent, String purpose, String database, String resource,
      int replyPartition, String authMethod) {
    this(sessionId, agent, purpose, database, resource, replyPartition, authMethod, null, false);
  }

  PgSession withPurpose(String newPurpose) {
    return new PgSession(sessionId, agent, newPurpose, database, resource, replyPartition, authMethod, toolCallId,
        joined);
  }

  ExchangeContext exchange(String requestId) {
    return new ExchangeContext(requestId, sessionId, agent, purpose, resource, replyPartition);
  }
}
