package dev.witness.deploy.standalone;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes started components in reverse start order, continuing past failures. */
public final class ShutdownStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownStack.class);

  private final Deque<Named> stack = new ArrayDeque<>();

  private record Named(String name, AutoCloseable closeable) {}

  /** Registers {@code closeable} to be closed before everything pushed earlier. */
  public synchronized <T extends AutoCloseable> T push(String name, T closeable) {
    stack.push(new Named(name, closeable));
    return closeable;
  }

  @Override
  public synchronized void close() {
    while (!stack.isEmpty()) {
      Named next = stack.pop();
      try {
        next.closeable().close();
        LOG.info("stopped component={}", next.name());
      } catch (Exception e) {
        LOG.warn("stop failed component={} error={}", next.name(), e.toString());
      }
    }
  }
}
