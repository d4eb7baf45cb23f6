package dev.witness.schemas.config;

/**
 * TLS for agent connections to the PostgreSQL proxy (answered to SSLRequest).
 *
 * @param certFile PEM certificate chain
 * @param keyFile PEM private key (PKCS#8), unencrypted
 */
public record PostgresTlsConfig(String certFile, String keyFile) {}
