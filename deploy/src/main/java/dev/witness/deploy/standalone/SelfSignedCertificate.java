package dev.witness.deploy.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The self-signed certificate standalone offers PostgreSQL agents that ask for TLS, created once
 * in the data directory with the JDK's own {@code keytool} and kept as PEM files.
 */
public record SelfSignedCertificate(Path certFile, Path keyFile) {

  private static final char[] STORE_PASSWORD = "witness-standalone".toCharArray();

  /** Reads the PEM files from {@code dir}, creating them on first use. */
  public static SelfSignedCertificate loadOrCreate(Path dir) {
    Path cert = dir.resolve("tls-cert.pem");
    Path key = dir.resolve("tls-key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      return new SelfSignedCertificate(cert, key);
    }
    Path store = dir.resolve("tls.p12");
    try {
      Files.deleteIfExists(store);
      run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
          "-alias", "witness", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
          "-dname", "CN=localhost, O=Witness standalone", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
          "-storetype", "PKCS12", "-keystore", store.toString(),
          "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)));
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, STORE_PASSWORD);
      }
      PrivateKey privateKey = (PrivateKey) keyStore.getKey("witness", STORE_PASSWORD);
      Certificate certificate = keyStore.getCertificate("witness");
      Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
      // getEncoded() of an RSA private key is PKCS#8, which is what Netty reads.
      Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
      ownerOnly(key);
      Files.delete(store);
      return new SelfSignedCertificate(cert, key);
    } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot create the standalone TLS certificate in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output.strip());
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Non-POSIX file systems keep their default permissions.
    }
  }
}
