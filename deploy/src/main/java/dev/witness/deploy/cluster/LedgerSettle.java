package dev.witness.deploy.cluster;

import dev.witness.schemas.registry.SchemaRegistryClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;

/**
 * Waits for the ledger to catch up after the load: re-reads it until it records every expected
 * statement, or until it has stopped growing for a while, or until a time limit; returns the last
 * reading either way, for the audit to judge.
 */
final class LedgerSettle {

  private static final Duration QUIET = Duration.ofSeconds(20);

  private LedgerSettle() {}

  static LedgerAudit.Result await(String bootstrap, int partitions, SchemaRegistryClient registry,
      Set<String> inDatabase, Set<String> answered, Duration limit, PrintStream out) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long lastChange = start;
    long lastEntries = -1;
    while (true) {
      LedgerAudit.Result result = LedgerAudit.read(bootstrap, partitions, registry, Duration.ofSeconds(60));
      boolean complete = result.requestMarkers().containsAll(inDatabase) && result.requestMarkers().containsAll(answered)
          && result.allowedMarkers().containsAll(answered);
      long now = System.nanoTime();
      if (result.entries() != lastEntries) {
        lastEntries = result.entries();
        lastChange = now;
      }
      out.printf("  ledger %d entries after %.0f s of settling%s%n", result.entries(), (now - start) / 1e9,
          complete ? ": every expected statement is recorded" : "");
      if (complete || now > deadline || now - lastChange > QUIET.toNanos()) {
        return result;
      }
      FaultRun.sleep(3000);
    }
  }
}
