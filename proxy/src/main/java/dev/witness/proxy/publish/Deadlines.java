package dev.witness.proxy.publish;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails a future with a {@link TimeoutException} once its deadline passes, on one timer wheel
 * shared by the process.
 *
 * <p>Not {@link CompletableFuture#orTimeout}: that schedules on the JDK's delay scheduler and
 * cancels there when the future completes, and both signal the scheduler's thread. A proxied
 * request waits four times (two acks, the verdict, the masked chunk), so on a small machine the
 * request path paid eight wake-ups of a thread that had nothing to do. The wheel takes a deadline
 * and its cancellation through lock-free queues and wakes nobody; its own thread ticks every
 * {@link #TICK}, fine for the proxy's deadlines (tens of milliseconds in tests, seconds in use).
 */
public final class Deadlines {

  /** How late a deadline may fire at most, besides scheduling delays. */
  static final Duration TICK = Duration.ofMillis(10);

  private static final ThreadFactory DAEMON = r -> {
    Thread t = new Thread(r, "witness-deadlines");
    t.setDaemon(true);
    return t;
  };

  // One wheel per process: Netty warns beyond 64 instances, and one thread is all it needs.
  private static final HashedWheelTimer WHEEL = new HashedWheelTimer(DAEMON, TICK.toMillis(), TimeUnit.MILLISECONDS, 512);

  private Deadlines() {}

  /**
   * Fails {@code future} with a {@link TimeoutException} if it is not done within {@code timeout};
   * returns {@code future} itself.
   */
  public static <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration timeout) {
    if (future.isDone()) {
      return future;
    }
    Timeout deadline = WHEEL.newTimeout(
        t -> future.completeExceptionally(new TimeoutException("no answer within " + timeout)),
        Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    future.whenComplete((value, error) -> deadline.cancel());
    return future;
  }

  /** Deadlines scheduled and not yet fired or cancelled-and-purged (for tests). */
  static long pending() {
    return WHEEL.pendingTimeouts();
  }
}
