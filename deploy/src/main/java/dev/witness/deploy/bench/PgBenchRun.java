package dev.witness.deploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs the real {@code pgbench} and reads its throughput and per-transaction latencies. */
final class PgBenchRun {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  record Result(double tps, LatencyRecorder latencies, String output) {}

  private PgBenchRun() {}

  /** {@code pgbench} with {@code args} against host:port as user, with the given environment. */
  static Result run(List<String> args, Map<String, String> env, Path logDir) throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    List<String> command = new ArrayList<>();
    command.add("pgbench");
    command.addAll(args);
    if (!args.contains("-i")) {
      // Per-transaction latencies, for percentiles (pgbench itself prints only the mean).
      command.add("--log");
      command.add("--log-prefix=" + logDir.resolve("pgbench_log"));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("pgbench failed (" + String.join(" ", args) + "):\n" + output);
    }
    Matcher m = TPS.matcher(output);
    double tps = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    return new Result(tps, readLogs(logDir), output);
  }

  /** Reads pgbench's per-transaction logs: the third field is the latency in microseconds. */
  private static LatencyRecorder readLogs(Path logDir) throws IOException {
    LatencyRecorder recorder = new LatencyRecorder();
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pgbench_log")).toList()) {
        for (String line : Files.readAllLines(file)) {
          String[] fields = line.split(" ");
          if (fields.length > 2) {
            recorder.record(Long.parseLong(fields[2]) * 1000);
          }
        }
        Files.delete(file);
      }
    }
    return recorder;
  }
}
