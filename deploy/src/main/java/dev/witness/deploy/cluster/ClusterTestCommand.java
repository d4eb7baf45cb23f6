package dev.witness.deploy.cluster;

import dev.witness.embedded.ScratchDirectory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness cluster-test}: the distributed deployment in one process under broker and
 * topology faults; prints figures and exits 1 if an invariant was violated.
 */
@Command(name = "cluster-test", mixinStandardHelpOptions = true,
    description = "3-broker KRaft cluster, 2 topology and 2 proxy instances in-process; kills a broker and a "
        + "topology instance under load, then audits the ledger and the target. Exit 0: every invariant held.")
public final class ClusterTestCommand implements Callable<Integer> {

  @Option(names = "--duration", defaultValue = "90s", converter = SecondsConverter.class,
      description = "Measured load time after the warm-up, e.g. 90s or 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--clients", defaultValue = "8", description = "pgJDBC clients over both proxies (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--warmup", defaultValue = "20s", converter = SecondsConverter.class,
      description = "Load before the measured run (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--work-dir", description = "Where the cluster keeps its data (default: a temporary directory, removed after).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    ClusterScenario.Options options = new ClusterScenario.Options(duration, clients, warmup);
    Path dir = workDir != null ? workDir : Files.createTempDirectory("witness-cluster-test");
    try {
      ClusterReport report = ClusterScenario.run(options, dir, out);
      return report.passed() ? 0 : 1;
    } finally {
      if (workDir == null) {
        ScratchDirectory.deleteQuietly(dir);
      }
    }
  }

  /** Reads {@code 90s}, {@code 2m} or ISO-8601 durations. */
  public static final class SecondsConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m)");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.strip());
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
      }
      try {
        return Duration.parse(value.strip());
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 60s or 2m");
      }
    }
  }
}
