package dev.witness.deploy.role;

import dev.witness.deploy.standalone.ShutdownStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started role running until SIGTERM (or Ctrl-C), then stops its components in reverse
 * start order before the JVM exits. Interrupting the calling thread stops it too (in-JVM tests).
 */
final class RoleProcess {

  private static final Logger LOG = LoggerFactory.getLogger(RoleProcess.class);
  // Below Kubernetes' default 30 s grace period, so the components close before SIGKILL.
  private static final Duration STOP_GRACE = Duration.ofSeconds(25);

  private RoleProcess() {}

  /** Starts a role's components; returns the details its ready line prints. */
  @FunctionalInterface
  interface Startup {
    String start(ShutdownStack components, ProcessMetrics metrics);
  }

  /**
   * Starts {@code role} (its process metrics first, then {@code startup}), prints its ready line and
   * runs until stopped; a failed start closes what had started and rethrows.
   */
  static int run(Role role, PrintWriter out, Startup startup) {
    ShutdownStack components = new ShutdownStack();
    try {
      ProcessMetrics metrics = components.push("metrics", new ProcessMetrics(role.command()));
      String ready = startup.start(components, metrics);
      out.println("witness " + role.command() + ": ready " + ready);
      out.flush();
    } catch (RuntimeException e) {
      components.close();
      throw e;
    }
    return runUntilStopped(role.command(), components, out);
  }

  /** Blocks until asked to stop, then closes {@code components}; returns the exit code. */
  private static int runUntilStopped(String role, ShutdownStack components, PrintWriter out) {
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopRequested.countDown();
      try {
        stopped.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "witness-" + role + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      // Cleared while closing: components that wait for their threads must not see it.
      interrupted = true;
    } finally {
      out.println("witness " + role + ": stopping...");
      out.flush();
      components.close();
      LOG.info("role stopped role={}", role);
      out.println("witness " + role + ": stopped");
      out.flush();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down (SIGTERM): the hook is what woke us.
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }
}
