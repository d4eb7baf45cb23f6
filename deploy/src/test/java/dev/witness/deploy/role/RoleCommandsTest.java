package dev.witness.deploy.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.deploy.LauncherRun;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.topic.TopicPlan;
import dev.witness.schemas.topic.TopicSpec;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks of the role commands: each refuses a configuration it cannot run with, naming the fix. */
class RoleCommandsTest {

  private static final String SHA = "a".repeat(64);

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return LauncherRun.execute(new StringWriter(), err, args);
  }

  private Path config(String yaml) throws Exception {
    Path file = dir.resolve("witness.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void streamsWithoutASigningKeyExitsWithTwoNamingTheField() throws Exception {
    int code = run("streams", "--config", config("kafka:\n  bootstrap: 127.0.0.1:1\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("streams.checkpoint.signingKeyFile: missing").contains("openssl genpkey");
  }

  @Test
  void evidenceApiNeedsItsDatabaseAndTheCheckpointKey() throws Exception {
    int code = run("evidence-api", "--config", config("kafka:\n  bootstrap: 127.0.0.1:1\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("evidence.jdbcUrl: missing").contains("evidence.user: missing")
        .contains("evidence.trustedKeyFiles: empty");
  }

  @Test
  void proxyWithoutAgentsIsRefused() throws Exception {
    int code = run("proxy", "--config", config("kafka:\n  bootstrap: 127.0.0.1:1\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("agents: empty");
  }

  @Test
  void anUnsetVariableInTheFileIsAConfigurationError() throws Exception {
    int code = run("proxy", "--config", config("kafka:\n  bootstrap: ${WITNESS_TEST_SURELY_UNSET_VARIABLE}\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("environment variable WITNESS_TEST_SURELY_UNSET_VARIABLE is not set");
  }

  @Test
  void replyPartitionFlagIsRangeChecked() throws Exception {
    Path file = config("kafka:\n  bootstrap: 127.0.0.1:1\n  replyPartitions: 4\nagents:\n  - id: a\n    tokenSha256: " + SHA + "\n");
    int code = run("proxy", "--config", file.toString(), "--reply-partition", "4");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--reply-partition: 4 is outside 0..3");
    WitnessConfig config = new ConfigLoader(Map.of()).load(file);
    assertThat(ProxyCommand.withReplyPartition(config, 3).proxy().replyPartition()).isEqualTo(3);
    assertThat(ProxyCommand.withReplyPartition(config, null)).isSameAs(config);
  }

  @Test
  void requirementsNameUnsetSecretVariablesAndMissingKeyFiles() throws Exception {
    WitnessConfig config = new ConfigLoader(Map.of()).parse("""
        proxy:
          postgres:
            backend: {host: db, port: 5432, user: w, passwordFromEnv: TARGET_PW}
        streams:
          checkpoint: {signingKeyFile: /nonexistent/key.pem}
        masking:
          tokenKeyFromEnv: MASK_KEY
        evidence:
          jdbcUrl: jdbc:postgresql://db:5432/witness
          user: witness
          passwordFromEnv: EVIDENCE_PW
          trustedKeyFiles: [/nonexistent/key.pub]
        agents:
          - {id: a, tokenSha256: %s}
        """.formatted(SHA), "witness.yaml");
    assertThat(RoleRequirements.problems(config, Role.PROXY, Map.of()))
        .containsExactly("proxy.postgres.backend.passwordFromEnv: environment variable TARGET_PW is not set; "
            + "set it (e.g. from a Secret) or remove the field");
    assertThat(RoleRequirements.problems(config, Role.PROXY, Map.of("TARGET_PW", "x"))).isEmpty();
    assertThat(RoleRequirements.problems(config, Role.STREAMS, Map.of()))
        .anyMatch(p -> p.startsWith("masking.tokenKeyFromEnv: environment variable MASK_KEY"))
        .anyMatch(p -> p.startsWith("streams.checkpoint.signingKeyFile: /nonexistent/key.pem is not a readable file"));
    assertThat(RoleRequirements.problems(config, Role.EVIDENCE_API, Map.of("EVIDENCE_PW", "x")))
        .containsExactly("evidence.trustedKeyFiles[0]: /nonexistent/key.pub is not a readable file; mount the "
            + "public key at that path");
    assertThat(RoleRequirements.problems(config, Role.EVIDENCE_API, Map.of("EVIDENCE_PW", "x"), p -> true)).isEmpty();
  }

  @Test
  void topicPlanTakesTheClusterReplicationSettings() {
    KafkaConfig kafka = TopicsCreateCommand.withReplication(KafkaConfig.defaults(), (short) 3);
    List<TopicSpec> plan = TopicsCreateCommand.plan(kafka, 2);
    assertThat(plan).isNotEmpty().allSatisfy(t -> {
      assertThat(t.replicationFactor()).isEqualTo((short) 3);
      assertThat(t.configs()).containsEntry("min.insync.replicas", "2");
    });
    assertThat(TopicsCreateCommand.plan(kafka, 1)).allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "1"));
    assertThat(TopicsCreateCommand.plan(kafka, null)).isEqualTo(TopicPlan.of(kafka));
  }

  @Test
  void minInsyncAboveTheReplicationFactorIsRefused() throws Exception {
    int code = run("topics", "create", "--config", config("kafka:\n  bootstrap: 127.0.0.1:1\n").toString(),
        "--replication-factor", "2", "--min-insync-replicas", "3");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--min-insync-replicas: 3 must be between 1 and the replication factor 2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TopicsCreateCommand.withReplication(KafkaConfig.defaults(), (short) 0))
        .isInstanceOf(ConfigException.class);
  }
}
