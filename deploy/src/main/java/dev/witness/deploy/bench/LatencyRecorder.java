package dev.witness.deploy.bench;

import java.util.Arrays;

/** Collects request latencies (nanoseconds) and reports percentiles. */
final class LatencyRecorder {

  private long[] samples = new long[1 << 14];
  private int size;
  private long errors;

  synchronized void record(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized void error() {
    errors++;
  }

  synchronized void merge(LatencyRecorder other) {
    for (int i = 0; i < other.size; i++) {
      record(other.samples[i]);
    }
    errors += other.errors;
  }

  synchronized int count() {
    return size;
  }

  synchronized long errors() {
    return errors;
  }

  /** The {@code p}-th percentile (0..100) in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
    return sorted[index] / 1_000_000.0;
  }
}
