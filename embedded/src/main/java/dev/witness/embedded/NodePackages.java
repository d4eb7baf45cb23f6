package dev.witness.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Node packages a test drives (the MCP, OpenAI and Agents SDKs of {@code deploy/e2e}), installed
 * once per JVM with {@code npm ci} from the committed lockfile so the plain test command runs them.
 */
public final class NodePackages {

  private static final Map<Path, Boolean> INSTALLED = new ConcurrentHashMap<>();

  private NodePackages() {}

  /**
   * Whether {@code module} is installed under {@code dir}/node_modules, running {@code npm ci} in
   * {@code dir} first when it is not; false only when npm itself is missing.
   *
   * @throws IllegalStateException when {@code npm ci} fails or does not provide {@code module}
   */
  public static synchronized boolean ensure(Path dir, String module) {
    Path project = dir.toAbsolutePath().normalize();
    boolean available = INSTALLED.computeIfAbsent(project,
        d -> Files.isDirectory(d.resolve("node_modules").resolve(module)) || npmCi(d));
    if (available && !Files.isDirectory(project.resolve("node_modules").resolve(module))) {
      throw new IllegalStateException(module + " is missing from " + project + "/node_modules after npm ci");
    }
    return available;
  }

  private static boolean npmCi(Path dir) {
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
          .directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return false;
    }
    try {
      npm.getOutputStream().close();
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci in " + dir + " did not finish in 5 minutes");
      }
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (npm.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + dir + " failed:\n" + output);
      }
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("npm ci in " + dir + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during npm ci in " + dir, e);
    }
  }
}
