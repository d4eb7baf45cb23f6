package dev.witness.deploy;

import dev.witness.deploy.standalone.Standalone;
import dev.witness.deploy.standalone.StandaloneOptions;
import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.WitnessConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code witness standalone}: everything in one process on one machine, no Docker. */
@Command(
    name = "standalone",
    mixinStandardHelpOptions = true,
    description = {
        "Starts an embedded Kafka broker, schema registry, evidence PostgreSQL, a demo target,",
        "the proxies, the topologies and the evidence API in one process. Ctrl-C stops it;",
        "a restart with the same --data-dir keeps all evidence."})
final class StandaloneCommand implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = "witness-data", description = "State directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = {"-c", "--config"}, description = "witness.yaml; absent sections take the standalone defaults.")
  Path config;

  @Option(names = "--kafka-port", description = "Embedded Kafka port (default 9092, or kafka.bootstrap's port).")
  Integer kafkaPort;

  @Option(names = "--registry-port", description = "Embedded schema registry port (default 8081).")
  Integer registryPort;

  @Option(names = "--http-port", description = "HTTP proxy port (default 8080, or proxy.http.listen's port).")
  Integer httpPort;

  @Option(names = "--postgres-port", description = "PostgreSQL proxy port (default 15432, or proxy.postgres.listen's port).")
  Integer postgresPort;

  @Option(names = "--evidence-port", description = "Evidence API port (default 8088, or evidence.listen's port).")
  Integer evidencePort;

  @Option(names = "--demo-port", defaultValue = "18080", description = "Demo HTTP API port (default: ${DEFAULT-VALUE}).")
  int demoPort;

  @Override
  public Integer call() throws Exception {
    WitnessConfig base = config == null ? WitnessConfig.defaults() : new ConfigLoader().load(config);
    StandaloneOptions options = StandaloneOptions.fromConfig(base, dataDir)
        .withPortOverrides(kafkaPort, registryPort, httpPort, postgresPort, evidencePort, demoPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Standalone running = Standalone.start(base, options, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("witness: stopping...");
      running.close();
      System.out.println("witness: stopped");
      stopped.countDown();
    }, "witness-shutdown"));
    stopped.await();
    return 0;
  }
}
