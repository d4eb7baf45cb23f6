package dev.witness.proxy.pg;

import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.PostgresTlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;

/** Builds the server TLS context offered to agents whose SSLRequest Witness accepts. */
final class PgTls {

  private PgTls() {}

  /** Null when TLS is not configured (SSLRequest is then declined). */
  static SslContext serverContext(PostgresTlsConfig tls) {
    if (tls == null) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile())).build();
    } catch (Exception e) {
      throw new ConfigException("proxy.postgres.tls: cannot load certFile=" + tls.certFile() + " keyFile="
          + tls.keyFile() + " (" + e.getMessage() + "); give a PEM certificate and an unencrypted PKCS#8 PEM key");
    }
  }
}
