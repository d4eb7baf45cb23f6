package dev.witness.deploy.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The JVM's garbage collections so far, split into stop-the-world pauses and concurrent cycles.
 *
 * <p>Summing every collector bean would be wrong: ZGC reports each cycle on a "Cycles" bean (time
 * spent concurrently, beside the application) and its pauses again on a "Pauses" bean, and G1 has a
 * "Concurrent GC" bean beside its stop-the-world young and old ones.
 */
record GcActivity(long pauses, long pauseMillis, long cycles, long cycleMillis) {

  /** What this JVM's collectors have done since it started. */
  static GcActivity now() {
    return of(ManagementFactory.getGarbageCollectorMXBeans());
  }

  static GcActivity of(List<GarbageCollectorMXBean> collectors) {
    GcActivity total = new GcActivity(0, 0, 0, 0);
    for (GarbageCollectorMXBean collector : collectors) {
      total = total.plus(collector.getName(), collector.getCollectionCount(), collector.getCollectionTime());
    }
    return total;
  }

  /** This plus one collector's figures, counted as pauses or cycles by its name. */
  GcActivity plus(String collector, long count, long millis) {
    long n = Math.max(0, count);
    long ms = Math.max(0, millis);
    return isConcurrent(collector)
        ? new GcActivity(pauses, pauseMillis, cycles + n, cycleMillis + ms)
        : new GcActivity(pauses + n, pauseMillis + ms, cycles, cycleMillis);
  }

  /** A bean that reports work done beside the application, not a pause of it. */
  static boolean isConcurrent(String collector) {
    return collector.endsWith(" Cycles") || collector.contains("Concurrent");
  }

  /** What happened between {@code earlier} and this. */
  GcActivity since(GcActivity earlier) {
    return new GcActivity(pauses - earlier.pauses, pauseMillis - earlier.pauseMillis, cycles - earlier.cycles,
        cycleMillis - earlier.cycleMillis);
  }

  /** One line: pauses with their total time, then concurrent cycles with theirs. */
  String describe() {
    return String.format(Locale.ROOT, "%d pauses (%d ms stopped), %d concurrent cycles (%d ms beside the application)",
        pauses, pauseMillis, cycles, cycleMillis);
  }
}
