package dev.witness.deploy.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Repeats rounds of unmeasured work until the JIT has settled: one JVM holds the broker, every
 * topology and the proxies, and on two cores the C2 compiler threads still took about a third of a
 * core after a fixed 1,000-request warm-up, so figures measured then were partly the JIT's.
 */
final class JitWarmUp {

  /** One round of unmeasured work. */
  interface Round {
    void run();
  }

  /** What the warm-up did: rounds run, time taken, and the compile share of the last round. */
  record Outcome(int rounds, Duration took, double lastCompileShare, boolean settled) {
    String describe() {
      String jit = Double.isNaN(lastCompileShare) ? "this JVM does not report JIT compile time"
          : String.format(Locale.ROOT, "JIT compiling %.1f %% of the last round", lastCompileShare * 100);
      return String.format(Locale.ROOT, "%d rounds in %.1f s, %s%s", rounds, took.toMillis() / 1e3, jit,
          settled ? "" : " (not settled: time limit reached)");
    }
  }

  private final int minRounds;
  private final double settledShare;
  private final Duration limit;
  /** Milliseconds the JIT has spent compiling so far, or null where the JVM does not tell. */
  private final LongSupplier compileMillis;

  /**
   * @param minRounds rounds always run
   * @param settledShare compile time per wall time of a round under which the JIT counts as settled
   * @param limit time after which the warm-up stops once {@code minRounds} ran, even if the JIT has not settled
   */
  JitWarmUp(int minRounds, double settledShare, Duration limit) {
    this(minRounds, settledShare, limit, jitCompileMillis());
  }

  JitWarmUp(int minRounds, double settledShare, Duration limit, LongSupplier compileMillis) {
    this.minRounds = minRounds;
    this.settledShare = settledShare;
    this.limit = limit;
    this.compileMillis = compileMillis;
  }

  private static LongSupplier jitCompileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
  }

  Outcome run(Round round) {
    boolean measurable = compileMillis != null;
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    int rounds = 0;
    double share = Double.NaN;
    while (true) {
      long compileBefore = measurable ? compileMillis.getAsLong() : 0;
      long roundStart = System.nanoTime();
      round.run();
      long roundNanos = Math.max(1, System.nanoTime() - roundStart);
      rounds++;
      if (measurable) {
        share = (compileMillis.getAsLong() - compileBefore) * 1e6 / roundNanos;
      }
      boolean settled = !measurable || share < settledShare;
      if (rounds >= minRounds && settled) {
        return new Outcome(rounds, Duration.ofNanos(System.nanoTime() - start), share, true);
      }
      if (rounds >= minRounds && System.nanoTime() > deadline) {
        return new Outcome(rounds, Duration.ofNanos(System.nanoTime() - start), share, false);
      }
    }
  }
}
