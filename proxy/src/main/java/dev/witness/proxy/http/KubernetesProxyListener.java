package dev.witness.proxy.http;

import dev.witness.proxy.AgentServer;
import dev.witness.proxy.AgentServerListener;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.KubernetesProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API listener ({@code proxy.kubernetes}): HTTPS towards agents (kubectl with a
 * Witness-issued kubeconfig), every API call recorded as a KubernetesRequest and gated, then
 * forwarded over TLS to the API server with the cluster token injected. Refusals are Kubernetes
 * {@code Status} objects.
 */
public final class KubernetesProxyListener extends AgentServerListener {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesProxyListener.class);

  private KubernetesProxyListener(AgentServer server) {
    super(server, "kubernetes");
  }

  /**
   * Starts the listener on {@code proxy.kubernetes().listen()} (port 0 picks a free port).
   *
   * @param proxy proxy settings with {@code kubernetes} set, including certFile and keyFile
   * @throws ConfigException naming the field when the token, certificate or CA cannot be loaded
   */
  public static KubernetesProxyListener start(
      ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher, ReplyChannel replies) {
    return start(proxy, authenticator, publisher, replies, Clock.systemUTC());
  }

  /** Like {@link #start(ProxyConfig, AgentAuthenticator, EventPublisher, ReplyChannel)} on a given clock. */
  public static KubernetesProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator,
      EventPublisher publisher, ReplyChannel replies, Clock clock) {
    KubernetesProxyConfig k8s = proxy.kubernetes();
    if (k8s == null) {
      throw new ConfigException("proxy.kubernetes: missing; configure apiServer and a token to enable the Kubernetes listener");
    }
    HttpRoute route = new HttpRoute("/", k8s.resource(), k8s.apiServer(), false, bearer(k8s), "kubernetes");
    HttpProxyServices services = HttpProxyListener.services(proxy, HttpRoutes.of(List.of(route)), authenticator,
        publisher, replies, clock, new NettyUpstreamConnector(CONNECT_TIMEOUT, upstreamTls(k8s)));
    AgentServer server = AgentServer.bind("proxy.kubernetes.listen", k8s.listen(), "127.0.0.1:6443", "witness-k8s",
        new HttpProxyInitializer(services, serverTls(k8s), true));
    KubernetesProxyListener listener = new KubernetesProxyListener(server);
    LOG.info("kubernetes proxy listening address={} resource={} apiServer={} insecureSkipTlsVerify={}",
        listener.address(), k8s.resource(), k8s.apiServer(), k8s.insecureSkipTlsVerify());
    return listener;
  }

  private static BackendCredential bearer(KubernetesProxyConfig k8s) {
    BackendCredential token = k8s.tokenCredential();
    if (token == null) {
      throw new ConfigException("proxy.kubernetes: set one of token, tokenFromEnv, tokenFromFile (the cluster credential)");
    }
    String secret;
    try {
      secret = token.resolve();
    } catch (ConfigException e) {
      throw new ConfigException("proxy.kubernetes." + e.getMessage().replace("credential.value", "token"));
    }
    return new BackendCredential("Authorization", "Bearer " + secret, null, null);
  }

  private static SslContext serverTls(KubernetesProxyConfig k8s) {
    if (k8s.certFile() == null || k8s.keyFile() == null) {
      throw new ConfigException("proxy.kubernetes.certFile: missing; give a PEM certificate and key (the launcher"
          + " generates a self-signed one); kubectl needs it as certificate-authority-data");
    }
    try {
      // HTTP/1.1 only (no ALPN): kubectl then speaks HTTP/1.1, which the proxy pipeline frames.
      return SslContextBuilder.forServer(new File(k8s.certFile()), new File(k8s.keyFile())).build();
    } catch (Exception e) {
      throw new ConfigException("proxy.kubernetes.certFile: cannot load certFile=" + k8s.certFile() + " keyFile="
          + k8s.keyFile() + " (" + e.getMessage() + "); give a PEM certificate and an unencrypted PKCS#8 PEM key");
    }
  }

  private static SslContext upstreamTls(KubernetesProxyConfig k8s) {
    try {
      SslContextBuilder client = SslContextBuilder.forClient();
      if (k8s.insecureSkipTlsVerify()) {
        LOG.warn("kubernetes proxy does not verify the API server certificate apiServer={}; use only for local stand-ins",
            k8s.apiServer());
        client.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
      } else if (k8s.caFile() != null) {
        client.trustManager(new File(k8s.caFile()));
      }
      return client.build();
    } catch (Exception e) {
      throw new ConfigException("proxy.kubernetes.caFile: cannot load " + k8s.caFile() + " (" + e.getMessage()
          + "); give the PEM CA bundle of the API server");
    }
  }
}
