package dev.witness.deploy.role;

import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.config.WitnessConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a role needs from {@code witness.yaml} beyond what {@code ConfigLoader} validates: the
 * settings standalone fills in itself but a separate process cannot invent. Each problem names
 * the field and the fix.
 */
public final class RoleRequirements {

  private RoleRequirements() {}

  /** Throws {@link ConfigException} listing every problem of {@code config} for {@code role}. */
  public static void require(WitnessConfig config, Role role, Map<String, String> env) {
    List<String> problems = problems(config, role, env);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Every problem of {@code config} for {@code role}; empty when it can start. */
  public static List<String> problems(WitnessConfig config, Role role, Map<String, String> env) {
    return problems(config, role, env, Files::isReadable);
  }

  /**
   * As {@link #problems(WitnessConfig, Role, Map)}, with {@code readable} deciding whether a key
   * file is there (manifest tests answer from the container's volume mounts).
   */
  public static List<String> problems(WitnessConfig config, Role role, Map<String, String> env,
      Predicate<Path> readable) {
    List<String> problems = new ArrayList<>();
    switch (role) {
      case PROXY -> {
        if (config.agents().isEmpty()) {
          problems.add("agents: empty; a proxy without agents refuses every connection; "
              + "add agents[] with id and tokenSha256");
        }
        requireEnv(problems, env, "proxy.postgres.backend.passwordFromEnv", config.proxy().postgres().backend().passwordFromEnv());
        requireKeyRing(problems, config, readable);
      }
      case STREAMS -> {
        requireEnv(problems, env, "masking.tokenKeyFromEnv", config.masking().tokenKeyFromEnv());
        requireKeyRing(problems, config, readable);
        String key = config.streams().checkpoint().signingKeyFile();
        if (key == null) {
          problems.add("streams.checkpoint.signingKeyFile: missing; every streams instance signs checkpoints with "
              + "the same Ed25519 key: create it once (openssl genpkey -algorithm ed25519 -out checkpoint-signing.key), "
              + "mount it into each instance and name it here");
        } else if (!readable.test(Path.of(key))) {
          problems.add("streams.checkpoint.signingKeyFile: " + key + " is not a readable file; mount the key "
              + "(from a Secret) at that path");
        }
      }
      case EVIDENCE_API -> {
        if (config.evidence().jdbcUrl() == null) {
          problems.add("evidence.jdbcUrl: missing; the evidence API stores evidence in PostgreSQL: "
              + "write jdbc:postgresql://host:5432/witness");
        }
        if (config.evidence().user() == null) {
          problems.add("evidence.user: missing; name the database role the evidence API logs in as");
        }
        requireEnv(problems, env, "evidence.passwordFromEnv", config.evidence().passwordFromEnv());
        requireEnv(problems, env, "evidence.ownerPasswordFromEnv", config.evidence().ownerPasswordFromEnv());
        String exportKey = config.evidence().exportKeyFile();
        if (exportKey != null && !readable.test(Path.of(exportKey))) {
          problems.add("evidence.exportKeyFile: " + exportKey + " is not a readable file; mount the export signing "
              + "key (from a Secret) at that path, or create one: openssl genpkey -algorithm ed25519 -out " + exportKey);
        }
        if (config.evidence().trustedKeyFiles().isEmpty()) {
          problems.add("evidence.trustedKeyFiles: empty; without the checkpoint public key every checkpoint is "
              + "rejected: list the checkpoint-signing.pub of the streams processors");
        }
        for (int i = 0; i < config.evidence().trustedKeyFiles().size(); i++) {
          String file = config.evidence().trustedKeyFiles().get(i);
          if (!readable.test(Path.of(file))) {
            problems.add("evidence.trustedKeyFiles[" + i + "]: " + file + " is not a readable file; mount the "
                + "public key at that path");
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown role " + role);
    }
    return problems;
  }

  /** Proxies encrypt raw chunks with the key ring the masking topology decrypts with: the same file in both. */
  private static void requireKeyRing(List<String> problems, WitnessConfig config, Predicate<Path> readable) {
    RawEncryptionConfig raw = config.masking().rawEncryption();
    if (!raw.active()) {
      return;
    }
    if (raw.keyRingFile() == null) {
      problems.add("masking.rawEncryption.keyRingFile: missing; encryption needs the data key ring shared by every "
          + "proxy and streams instance: create it once (witness raw-keys rotate --key-ring raw-data-keys.json), "
          + "mount it (from a Secret) into each instance and name it here");
    } else if (!readable.test(Path.of(raw.keyRingFile()))) {
      problems.add("masking.rawEncryption.keyRingFile: " + raw.keyRingFile() + " is not a readable file; mount the "
          + "key ring (from a Secret) at that path");
    }
  }

  private static void requireEnv(List<String> problems, Map<String, String> env, String field, String variable) {
    if (variable != null && (env.get(variable) == null || env.get(variable).isEmpty())) {
      problems.add(field + ": environment variable " + variable + " is not set; set it (e.g. from a Secret) "
          + "or remove the field");
    }
  }
}
