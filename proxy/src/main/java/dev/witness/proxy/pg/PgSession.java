package dev.witness.proxy.pg;

import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.proxy.event.ExchangeContext;

/**
 * One agent connection to the PostgreSQL proxy, as every event of it records it.
 *
 * @param sessionId one per connection
 * @param database the database the agent opened
 * @param authMethod how the agent proved its token, recorded on every statement
 */
record PgSession(String sessionId, AuthenticatedAgent agent, String purpose, String database, String resource,
    int replyPartition, String authMethod) {

  PgSession withPurpose(String newPurpose) {
    return new PgSession(sessionId, agent, newPurpose, database, resource, replyPartition, authMethod);
  }

  ExchangeContext exchange(String requestId) {
    return new ExchangeContext(requestId, sessionId, agent, purpose, resource, replyPartition);
  }
}
