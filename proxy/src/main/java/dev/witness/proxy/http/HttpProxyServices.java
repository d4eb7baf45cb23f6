package dev.witness.proxy.http;

import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.session.SessionSequences;
import dev.witness.schemas.config.ProxyConfig;

/**
 * What every connection of one HTTP listener shares; all of it is thread-safe.
 *
 * @param config the proxy settings (reply partition, verdict timeout, HTTP limits)
 * @param routes the prepared routes
 * @param authenticator checks bearer tokens
 * @param gate publishes events and waits for replies
 * @param ids event and request ids
 * @param events builds HTTP events
 * @param sequences per-session event sequences
 * @param connector opens upstream connections
 */
record HttpProxyServices(
    ProxyConfig config,
    HttpRoutes routes,
    AgentAuthenticator authenticator,
    WitnessGate gate,
    EventHeaderFactory ids,
    HttpEventFactory events,
    SessionSequences sequences,
    UpstreamConnector connector) {

  int replyPartition() {
    return config.replyPartition();
  }

  long maxBodyBytes() {
    return config.http().maxRequestBodyBytes();
  }

  int chunkBytes() {
    return config.http().responseChunkBytes();
  }

  String newId() {
    return ids.newId();
  }
}
