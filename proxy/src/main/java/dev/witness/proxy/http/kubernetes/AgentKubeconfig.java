package dev.witness.proxy.http.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The kubeconfig an agent uses to reach the cluster through Witness: server = the Witness
 * listener, certificate-authority-data = Witness's certificate, token = the agent's Witness token
 * (never the cluster credential).
 */
public final class AgentKubeconfig {

  private AgentKubeconfig() {}

  /**
   * The kubeconfig YAML.
   *
   * @param server the listener URL, e.g. {@code https://127.0.0.1:6443}
   * @param caPem the PEM certificate the listener presents
   * @param agentToken the agent's Witness bearer token
   * @param name cluster, user and context name, e.g. {@code witness}
   */
  public static String render(String server, String caPem, String agentToken, String name) {
    String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %1$s
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
        current-context: %1$s
        """.formatted(quote(name), quote(server), ca, quote(agentToken));
  }

  /** Writes {@link #render} to {@code file}, readable by its owner only (it holds the agent token). */
  public static Path write(Path file, String server, Path caCertFile, String agentToken, String name) throws IOException {
    String yaml = render(server, Files.readString(caCertFile, StandardCharsets.UTF_8), agentToken, name);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; the directory's permissions apply.
    }
    return file;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
