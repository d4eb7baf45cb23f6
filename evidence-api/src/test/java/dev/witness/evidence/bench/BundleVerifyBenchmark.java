package dev.witness.evidence.bench;

import dev.witness.evidence.verify.BundleVerification;
import dev.witness.evidence.verify.BundleVerifier;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Offline verification of a bundle of one million ledger entries (goal: under 10 s); the same as
 * {@code witness bench verify}, without the launcher. Writes the
 * bundle first (not timed), then times {@link BundleVerifier}. Prints figures; asserts nothing.
 * Run: {@code ./mvnw -q -pl evidence-api -Pbenchmark verify} (entries: {@code -Dbench.entries=N}).
 */
public final class BundleVerifyBenchmark {

  private static final int PARTITIONS = 2;

  private BundleVerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    long entries = Long.getLong("bench.entries", 1_000_000L);
    Path dir = Files.createTempDirectory("witness-verify-bench");
    Path bundle = dir.resolve("bundle.zip");
    SigningKey key = SigningKeys.generate();
    long t0 = System.nanoTime();
    SyntheticBundle.write(bundle, entries, PARTITIONS, key, n -> { });
    double written = (System.nanoTime() - t0) / 1e9;
    System.out.printf("bundle: %,d entries in %d partitions, %,d bytes, written in %.1f s%n", entries, PARTITIONS,
        Files.size(bundle), written);

    for (int run = 1; run <= 2; run++) {
      long start = System.nanoTime();
      long cpu = cpuNanos();
      BundleVerification v = BundleVerifier.verify(bundle, java.util.Optional.of(TrustedKeys.of(key.publicKey())),
          n -> System.out.printf("  verified %,d%n", n));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (cpuNanos() - cpu) / 1e9;
      System.out.printf("verify run %d: %,d entries in %.2f s (%.1f s CPU) = %,.0f entries/s, valid=%s, failures=%d%n",
          run, v.events(), seconds, cpuSeconds, v.events() / seconds, v.valid(), v.failures().size());
    }
    Files.deleteIfExists(bundle);
    Files.deleteIfExists(dir);
    // the embedded broker and database keep non-daemon threads
    System.exit(0);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
