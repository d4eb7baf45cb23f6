package dev.witness.deploy.standalone;

import dev.witness.schemas.config.WitnessConfig;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where standalone puts its state and which loopback ports it binds (0 = any free port, as
 * tests use). Derived from {@code witness.yaml}, then from flags.
 */
public record StandaloneOptions(
    Path dataDir, int kafkaPort, int registryPort, int httpPort, int postgresPort, int evidencePort, int demoPort) {

  /** The ports named in {@code config} (its defaults are ARCHITECTURE.md's). */
  public static StandaloneOptions fromConfig(WitnessConfig config, Path dataDir) {
    return new StandaloneOptions(
        dataDir,
        portOf(config.kafka().bootstrap().split(",")[0]),
        URI.create(config.schemaRegistry().url()).getPort(),
        portOf(config.proxy().http().listen()),
        portOf(config.proxy().postgres().listen()),
        portOf(config.evidence().listen()),
        18080);
  }

  /** Every port 0: for tests that run beside other servers. */
  public static StandaloneOptions ephemeral(Path dataDir) {
    return new StandaloneOptions(dataDir, 0, 0, 0, 0, 0, 0);
  }

  /** Applies the flags that were given. */
  public StandaloneOptions withPortOverrides(Integer kafka, Integer registry, Integer http, Integer postgres,
      Integer evidence, Integer demo) {
    return new StandaloneOptions(dataDir,
        kafka != null ? kafka : kafkaPort,
        registry != null ? registry : registryPort,
        http != null ? http : httpPort,
        postgres != null ? postgres : postgresPort,
        evidence != null ? evidence : evidencePort,
        demo != null ? demo : demoPort);
  }

  private static int portOf(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1).strip());
  }
}
