package dev.witness.proxy.http.kubernetes;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed PEM certificate and key for 127.0.0.1/localhost, made with the JDK's keytool. */
public record TestCertificates(Path certFile, Path keyFile) {

  public static TestCertificates create(Path dir) throws Exception {
    Path store = dir.resolve("witness-k8s.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "witness", "-keyalg", "EC", "-groupname", "secp256r1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Certificate cert = ks.getCertificate("witness");
    PrivateKey key = (PrivateKey) ks.getKey("witness", "changeit".toCharArray());
    Path certFile = Files.writeString(dir.resolve("witness-k8s.crt"), pem("CERTIFICATE", cert.getEncoded()));
    Path keyFile = Files.writeString(dir.resolve("witness-k8s.key"), pem("PRIVATE KEY", key.getEncoded()));
    return new TestCertificates(certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
