package dev.witness.schemas.config;

/**
 * The Kubernetes API listener: agents run kubectl against it over HTTPS with a Witness-issued
 * token; Witness forwards to {@code apiServer} with the real cluster credential.
 *
 * @param listen host:port of the HTTPS listener (default {@code 127.0.0.1:6443})
 * @param resource the target as recorded in events (default {@code kubernetes:default})
 * @param apiServer base URL of the real API server, e.g. {@code https://10.0.0.1:6443}
 * @param token the cluster bearer token Witness injects (inline; prefer the two below)
 * @param tokenFromEnv environment variable holding the cluster token
 * @param tokenFromFile file holding the cluster token (e.g. a service account token)
 * @param caFile PEM CA bundle that signs the API server's certificate; the JDK trust store when absent
 * @param insecureSkipTlsVerify accept any API server certificate; for local stand-ins only
 * @param certFile PEM certificate the listener presents to agents (self-signed when absent)
 * @param keyFile unencrypted PKCS#8 PEM key of {@code certFile}
 */
public record KubernetesProxyConfig(String listen, String resource, String apiServer, String token,
    String tokenFromEnv, String tokenFromFile, String caFile, Boolean insecureSkipTlsVerify, String certFile,
    String keyFile) {

  public KubernetesProxyConfig {
    listen = listen == null ? "127.0.0.1:6443" : listen;
    resource = resource == null ? "kubernetes:default" : resource;
    insecureSkipTlsVerify = insecureSkipTlsVerify != null && insecureSkipTlsVerify;
  }

  /** The cluster token as a credential (sent as {@code Authorization: Bearer <token>}), or null if none is set. */
  public BackendCredential tokenCredential() {
    if (token == null && tokenFromEnv == null && tokenFromFile == null) {
      return null;
    }
    return new BackendCredential("Authorization", token, tokenFromEnv, tokenFromFile);
  }

  /** The same settings with a different listen address (tests bind port 0). */
  public KubernetesProxyConfig withListen(String listen) {
    return new KubernetesProxyConfig(listen, resource, apiServer, token, tokenFromEnv, tokenFromFile, caFile,
        insecureSkipTlsVerify, certFile, keyFile);
  }

  @Override
  public String toString() {
    // Never print the token itself.
    return "KubernetesProxyConfig[listen=" + listen + ", resource=" + resource + ", apiServer=" + apiServer
        + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify + "]";
  }
}
