package dev.witness.deploy.cluster;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of one kind of event per second since a start instant, for throughput per phase and the
 * time until throughput recovers after a fault. Thread-safe; seconds past the capacity are counted
 * in the last second.
 */
final class ThroughputTimeline {

  private final long startNanos;
  private final AtomicLongArray perSecond;

  ThroughputTimeline(long startNanos, int capacitySeconds) {
    this.startNanos = startNanos;
    this.perSecond = new AtomicLongArray(Math.max(1, capacitySeconds));
  }

  /** Counts {@code n} events at {@code nowNanos}. */
  void add(long nowNanos, long n) {
    long second = Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
    perSecond.addAndGet((int) Math.min(perSecond.length() - 1, second), n);
  }

  /** Events counted in seconds {@code [fromSecond, toSecond)}. */
  long total(int fromSecond, int toSecond) {
    long sum = 0;
    for (int s = Math.max(0, fromSecond); s < Math.min(toSecond, perSecond.length()); s++) {
      sum += perSecond.get(s);
    }
    return sum;
  }

  /** Mean events per second over {@code [fromSecond, toSecond)}, empty if the range is empty. */
  OptionalDouble rate(int fromSecond, int toSecond) {
    int from = Math.max(0, fromSecond);
    int to = Math.min(toSecond, perSecond.length());
    return to <= from ? OptionalDouble.empty() : OptionalDouble.of((double) total(from, to) / (to - from));
  }

  /**
   * Seconds from {@code faultSecond} until the first window of {@code window} seconds, starting
   * at or after the fault and ending before {@code untilSecond}, whose rate is at least
   * {@code fraction} of {@code baseline}; empty if throughput did not recover in that span.
   */
  OptionalDouble recovery(int faultSecond, int untilSecond, double baseline, double fraction, int window) {
    for (int s = faultSecond; s + window <= Math.min(untilSecond, perSecond.length()); s++) {
      if ((double) total(s, s + window) / window >= baseline * fraction) {
        return OptionalDouble.of(s - faultSecond);
      }
    }
    return OptionalDouble.empty();
  }
}
