package dev.witness.proxy.pg;

import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.session.SessionSequences;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import io.netty.handler.ssl.SslContext;

/**
 * What every connection of one PostgreSQL listener shares; all of it is thread-safe.
 *
 * @param config the proxy settings (reply partition, verdict timeout, postgres section)
 * @param authenticator checks agent tokens
 * @param gate publishes events and waits for replies
 * @param ids event, request and session ids
 * @param events builds SQL events
 * @param sequences per-session event sequences
 * @param backends opens backend sessions
 * @param cancelKeys agent cancel keys → backend cancel keys
 * @param tls the TLS context offered on SSLRequest; null declines it
 * @param timings where the time of statements goes, per stage
 */
record PgProxyServices(
    ProxyConfig config,
    AgentAuthenticator authenticator,
    WitnessGate gate,
    EventHeaderFactory ids,
    PgEventFactory events,
    SessionSequences sequences,
    BackendConnector backends,
    CancelKeys cancelKeys,
    SslContext tls,
    StageTimings timings) {

  PostgresProxyConfig pg() {
    return config.postgres();
  }

  int replyPartition() {
    return config.replyPartition();
  }

  String newId() {
    return ids.newId();
  }
}
