package dev.witness.proxy.pg;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the time of gated statements goes, per stage, as log-linear histograms of microseconds
 * (about 3% resolution); only durations are kept, never payloads. Thread-safe and cheap enough to
 * stay on in production; benchmarks print {@link #summary()}.
 */
public final class StageTimings {

  /** The stages of one statement through the proxy. */
  public enum Stage {
    /** From taking the statement in to its RequestIntercepted being acknowledged (acks=all). */
    REQUEST_RECORDED,
    /** From that acknowledgement to the verdict arriving. */
    VERDICT,
    /** From forwarding the statement to the backend's CommandComplete, error or suspension. */
    BACKEND,
    /** From publishing a result chunk with rows to its masked form arriving. */
    MASKED_CHUNK,
    /** From publishing a row-less outcome (tag or error) to its acknowledgement. */
    OUTCOME_RECORDED,
    /** From publishing a chunk of COPY FROM STDIN data to its masked form arriving. */
    COPY_IN_RECORDED
  }

  private static final int SUB_BUCKETS = 32;
  private static final int LINEAR = 2 * SUB_BUCKETS;
  private static final int BUCKETS = LINEAR + (63 - 6) * SUB_BUCKETS;

  private final Map<Stage, AtomicLongArray> histograms = new EnumMap<>(Stage.class);

  public StageTimings() {
    for (Stage s : Stage.values()) {
      histograms.put(s, new AtomicLongArray(BUCKETS));
    }
  }

  /** Adds one duration measured with {@link System#nanoTime()}. */
  public void record(Stage stage, long nanos) {
    histograms.get(stage).incrementAndGet(bucket(Math.max(0, nanos / 1000)));
  }

  /** Adds the time since {@code startedNanos}. */
  public void since(Stage stage, long startedNanos) {
    record(stage, System.nanoTime() - startedNanos);
  }

  /** Count and percentiles of one stage, in microseconds. */
  public Summary summary(Stage stage) {
    AtomicLongArray h = histograms.get(stage);
    long[] counts = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = h.get(i);
      total += counts[i];
    }
    return new Summary(stage, total, percentile(counts, total, 0.50), percentile(counts, total, 0.99));
  }

  /** One line per stage that saw at least one duration. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    for (Stage s : Stage.values()) {
      Summary sum = summary(s);
      if (sum.count() > 0) {
        out.append(sum).append('\n');
      }
    }
    return out.toString();
  }

  /** Forgets everything recorded so far (between benchmark runs). */
  public void reset() {
    for (AtomicLongArray h : histograms.values()) {
      for (int i = 0; i < h.length(); i++) {
        h.set(i, 0);
      }
    }
  }

  /** Percentiles are the lower bound of their bucket. */
  public record Summary(Stage stage, long count, long p50Micros, long p99Micros) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-17s n=%-8d p50=%7.3fms p99=%7.3fms", stage, count,
          p50Micros / 1000.0, p99Micros / 1000.0);
    }
  }

  private static long percentile(long[] counts, long total, double p) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(total * p);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return lowerBound(i);
      }
    }
    return lowerBound(counts.length - 1);
  }

  static int bucket(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros);
    int sub = (int) (micros >>> (exponent - 5)) & (SUB_BUCKETS - 1);
    return Math.min(BUCKETS - 1, LINEAR + (exponent - 6) * SUB_BUCKETS + sub);
  }

  static long lowerBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int exponent = (bucket - LINEAR) / SUB_BUCKETS + 6;
    int sub = (bucket - LINEAR) % SUB_BUCKETS;
    return (SUB_BUCKETS + (long) sub) << (exponent - 5);
  }
}
