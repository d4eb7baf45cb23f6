package dev.witness.deploy.standalone;

import dev.witness.proxy.auth.ScramVerifier;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.ApiUserConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The demo agent, auditor and approver tokens and the demo backend secret, created once in the data
 * directory (owner-only files) and reused on restart.
 */
public record DemoCredentials(String agentToken, String auditorToken, String backendSecret, String approverToken) {

  public static final String AGENT_ID = "demo-agent";
  public static final String AUDITOR_ID = "demo-auditor";
  public static final String APPROVER_ID = "demo-approver";
  public static final String APPROVER_EMAIL = "demo-approver@example.com";

  /** Reads the credentials from {@code dir}, creating any that are missing. */
  public static DemoCredentials loadOrCreate(DataDirectory dir) {
    return new DemoCredentials(
        readOrCreate(dir.agentToken(), "wag"),
        readOrCreate(dir.auditorToken(), "wau"),
        readOrCreate(dir.demoBackendSecret(), "demo-backend"),
        readOrCreate(dir.approverToken(), "wap"));
  }

  private static String readOrCreate(Path file, String prefix) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String token = TokenDigest.newToken(prefix);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Non-POSIX file systems keep their default permissions.
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  /**
   * The demo agent as configuration holds it: by token digest, and by a SCRAM-SHA-256 verifier so
   * psql logs in to the PostgreSQL proxy without sending the token in clear.
   */
  public AgentConfig agent() {
    return new AgentConfig(AGENT_ID, TokenDigest.sha256Hex(agentToken), "demo-user@example.com",
        ScramVerifier.create(agentToken).text());
  }

  /** The demo auditor as configuration holds it. */
  public ApiUserConfig auditor() {
    return new ApiUserConfig(AUDITOR_ID, TokenDigest.sha256Hex(auditorToken), List.of("auditor"));
  }

  /** The demo approver as configuration holds it; {@code witness approvals} uses its token file. */
  public ApiUserConfig approver() {
    return new ApiUserConfig(APPROVER_ID, TokenDigest.sha256Hex(approverToken), List.of("approver"), APPROVER_EMAIL);
  }

  @Override
  public String toString() {
    return "DemoCredentials[redacted]";
  }
}
