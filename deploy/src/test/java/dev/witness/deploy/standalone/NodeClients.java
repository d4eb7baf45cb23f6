package dev.witness.deploy.standalone;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Node SDK clients of {@code deploy/e2e}: installed once per test JVM with {@code npm ci} from
 * the committed lockfile, so the plain test command runs them on any machine with Node.
 */
final class NodeClients {

  static final Path E2E = Path.of("e2e").toAbsolutePath().normalize();

  private static Boolean installed;

  private NodeClients() {}

  /** Skips the calling test only when Node's npm is not installed; a failing {@code npm ci} fails it. */
  static synchronized Path require(String module) throws Exception {
    if (installed == null) {
      installed = Files.isDirectory(E2E.resolve("node_modules").resolve(module)) || npmCi();
    }
    assumeTrue(installed, "npm is not installed: the Node SDK clients cannot run");
    assertInstalled(module);
    return E2E;
  }

  private static boolean npmCi() throws Exception {
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
          .directory(E2E.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return false;
    }
    npm.getOutputStream().close();
    if (!npm.waitFor(5, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci in " + E2E + " did not finish in 5 minutes");
    }
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci in " + E2E + " failed:\n" + output);
    }
    return true;
  }

  private static void assertInstalled(String module) {
    if (!Files.isDirectory(E2E.resolve("node_modules").resolve(module))) {
      throw new IllegalStateException(module + " is missing from " + E2E + "/node_modules after npm ci");
    }
  }
}
