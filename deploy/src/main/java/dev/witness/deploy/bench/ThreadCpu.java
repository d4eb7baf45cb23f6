package dev.witness.deploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this JVM's threads over a measured run, summed by thread group name (digits folded,
 * so {@code witness-ledger-...-StreamThread-1} and every broker handler count as one): shows which
 * part of a standalone the CPU per request goes to. Threads born during the run count from zero.
 */
final class ThreadCpu {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> before = new HashMap<>();
  private GcActivity gcBefore;
  private long processBefore = -1;

  private ThreadCpu() {}

  /** Takes the starting CPU time of every live thread. */
  static ThreadCpu start() {
    ThreadCpu cpu = new ThreadCpu();
    cpu.gcBefore = GcActivity.now();
    cpu.processBefore = processCpuNanos();
    if (cpu.threads.isThreadCpuTimeSupported()) {
      for (long id : cpu.threads.getAllThreadIds()) {
        long nanos = cpu.threads.getThreadCpuTime(id);
        if (nanos >= 0) {
          cpu.before.put(id, nanos);
        }
      }
    }
    return cpu;
  }

  /** The {@code limit} groups that used the most CPU since {@link #start}, per request, one a line. */
  String top(int limit, int requests) {
    if (!threads.isThreadCpuTimeSupported()) {
      return "per-thread CPU time is not supported by this JVM\n";
    }
    Map<String, Long> byGroup = new HashMap<>();
    long javaThreads = 0;
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      ThreadInfo info = threads.getThreadInfo(id);
      if (nanos < 0 || info == null) {
        continue;
      }
      long used = nanos - before.getOrDefault(id, 0L);
      javaThreads += used;
      byGroup.merge(group(info.getThreadName()), used, Long::sum);
    }
    long process = processCpuNanos();
    if (process >= 0 && processBefore >= 0) {
      // GC workers and JIT compilers are not Java threads: they are what the process used beyond them.
      byGroup.put("(GC, JIT and other VM threads)", Math.max(0, process - processBefore - javaThreads));
    }
    StringBuilder text = new StringBuilder("JVM CPU per request by thread group (top " + limit + "):\n");
    byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> text.append(String.format(Locale.ROOT, "%8.3f ms  %s%n", e.getValue() / 1e6 / Math.max(1, requests),
            e.getKey())));
    text.append("GC while measured: ").append(GcActivity.now().since(gcBefore).describe()).append('\n');
    return text.toString();
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** Folds ids out of a thread name: UUIDs and numbers become {@code #}. */
  static String group(String name) {
    return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "#")
        .replaceAll("[0-9]+", "#");
  }
}
