package dev.witness.streams.classify.bench;

import dev.witness.streams.classify.SqlClassifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time of the thread per never-seen statement ({@link SqlClassifier#classify} after the caches
 * are emptied), over the 1,000-statement corpus: on a loaded machine wall-clock percentiles mostly
 * measure waiting for a core, this measures the work.
 */
final class ClassificationCpuTimes {

  private static final int WARMUP_PASSES = 5;
  private static final int PASSES = 5;

  private ClassificationCpuTimes() {}

  static void print() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      return;
    }
    List<String> corpus = SqlCorpus.statements(ClassificationBenchmark.CORPUS_SIZE, 20_260_101L);
    long[] nanos = new long[corpus.size() * PASSES];
    int n = 0;
    for (int pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
      for (String sql : corpus) {
        SqlClassifier.forgetClassifications();
        long start = threads.getCurrentThreadCpuTime();
        SqlClassifier.classify(sql);
        long spent = threads.getCurrentThreadCpuTime() - start;
        if (pass >= WARMUP_PASSES) {
          nanos[n++] = spent;
        }
      }
    }
    Arrays.sort(nanos);
    System.out.printf("%-26s %10d %8s %8.1f %8.1f %8.1f   (thread CPU time, not wall clock)%n", "newShapeClassifiedCpu",
        nanos.length, "", at(nanos, 50), at(nanos, 99), at(nanos, 99.9));
  }

  private static double at(long[] sorted, double percentile) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1_000.0;
  }
}
