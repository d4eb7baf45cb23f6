package dev.witness.deploy.standalone;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.witness.embedded.NodePackages;
import java.nio.file.Path;

/** The Node SDK clients of {@code deploy/e2e}, installed by the tests themselves (see {@link NodePackages}). */
final class NodeClients {

  static final Path E2E = Path.of("e2e").toAbsolutePath().normalize();

  private NodeClients() {}

  /** Skips the calling test only when npm is not installed; a failing {@code npm ci} fails it. */
  static Path require(String module) {
    assumeTrue(NodePackages.ensure(E2E, module), "npm is not installed: the Node SDK clients cannot run");
    return E2E;
  }
}
