package dev.witness.deploy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The layout of {@code --data-dir}: every piece of standalone state lives under it. */
public record DataDirectory(Path root) {

  /** Creates the directory if needed. */
  public static DataDirectory open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data directory " + root.toAbsolutePath(), e);
    }
    return new DataDirectory(root.toAbsolutePath().normalize());
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path evidencePostgres() {
    return root.resolve("evidence-pg");
  }

  public Path demoPostgres() {
    return root.resolve("demo-pg");
  }

  public Path streamsState() {
    return root.resolve("streams");
  }

  public Path agentToken() {
    return root.resolve("demo-agent.token");
  }

  public Path auditorToken() {
    return root.resolve("demo-auditor.token");
  }

  /** The demo approver's API token ({@code witness approvals} reads it by default). */
  public Path approverToken() {
    return root.resolve("demo-approver.token");
  }

  /** The secret the demo API expects from Witness; agents never see it. */
  public Path demoBackendSecret() {
    return root.resolve("demo-backend.secret");
  }
}
