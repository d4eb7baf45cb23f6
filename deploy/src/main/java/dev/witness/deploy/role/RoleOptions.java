package dev.witness.deploy.role;

import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.WitnessConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every role command shares: the one {@code witness.yaml}. */
final class RoleOptions {

  @Option(names = {"-c", "--config"}, required = true,
      description = "witness.yaml ($${NAME} and $${NAME:-default} are replaced from the environment).")
  Path config;

  /** Loads and validates the file, then checks what {@code role} needs from it. */
  WitnessConfig load(Role role) {
    Map<String, String> env = System.getenv();
    WitnessConfig loaded = new ConfigLoader(env).load(config);
    RoleRequirements.require(loaded, role, env);
    return loaded;
  }
}
