package dev.witness.deploy.bench;

import dev.witness.deploy.evidence.VerifyCommand;
import dev.witness.evidence.bench.SyntheticBundle;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness bench verify}: writes a signed bundle of synthetic ledger entries, then times
 * {@code witness verify} over it (wall and CPU time), as the offline verifier's benchmark.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Time offline verification (witness verify) of a generated, signed bundle of N ledger entries.")
public final class VerifyBenchCommand implements Callable<Integer> {

  @Option(names = "--entries", defaultValue = "1000000", description = "Ledger entries in the bundle (default: ${DEFAULT-VALUE}).")
  long entries;

  @Option(names = "--partitions", defaultValue = "2", description = "Ledger partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--runs", defaultValue = "2", description = "Timed verifications of the same bundle (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--keep", description = "Keep the bundle and its public key (printed paths) instead of deleting them.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = Files.createTempDirectory("witness-bench-verify");
    Path bundle = dir.resolve("bundle.zip");
    Path publicKey = dir.resolve("bundle-signing.pub");
    SigningKey key = SigningKeys.generate();
    SigningKeys.writePublicKey(publicKey, key.publicKey());
    long t0 = System.nanoTime();
    SyntheticBundle.write(bundle, entries, partitions, key, n -> {
      out.printf("\rwriting bundle: %,d of %,d entries", n, entries);
      out.flush();
    });
    out.printf("%nbundle: %,d entries in %d partition(s), %,d bytes, written in %.1f s (not timed)%n", entries,
        partitions, Files.size(bundle), (System.nanoTime() - t0) / 1e9);
    out.printf("cores available: %d, load average: %.1f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    int status = 0;
    for (int run = 1; run <= runs; run++) {
      out.printf("run %d: witness verify %s --public-key %s%n", run, bundle, publicKey);
      long start = System.nanoTime();
      long cpu = cpuNanos();
      CommandLine verify = new CommandLine(new VerifyCommand());
      // the report of a million passing entries is a few lines; print it as witness verify would
      verify.setOut(new PrintWriter(out, true));
      verify.setErr(new PrintWriter(out, true));
      status = verify.execute(bundle.toString(), "--public-key", publicKey.toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("run %d: %,d entries verified in %.2f s wall, %.1f s CPU = %,.0f entries/s (exit %d)%n", run, entries,
          seconds, (cpuNanos() - cpu) / 1e9, entries / seconds, status);
    }
    if (keep) {
      out.printf("kept %s and %s%n", bundle, publicKey);
    } else {
      Files.deleteIfExists(bundle);
      Files.deleteIfExists(publicKey);
      Files.deleteIfExists(dir);
    }
    return status;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
