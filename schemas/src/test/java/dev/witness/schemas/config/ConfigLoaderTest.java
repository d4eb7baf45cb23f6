package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String SHA = "4a0b7efcc66677c05d97ed1c128f7dcdf1b172c4c377feb96f353849f3d79fd5";

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void emptyTextGivesTheStandaloneDefaults() {
    for (String empty : List.of("", "   \n", "# only a comment\n", "---\n")) {
      WitnessConfig config = loader.parse(empty, "witness.yaml");

      assertThat(config).isEqualTo(WitnessConfig.defaults());
    }
    WitnessConfig config = loader.parse("", "witness.yaml");
    assertThat(config.kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(config.kafka().partitions()).isEqualTo(3);
    assertThat(config.kafka().replyPartitions()).isEqualTo(8);
    assertThat(config.kafka().replicationFactor()).isEqualTo((short) 1);
    assertThat(config.kafka().rawRetention()).isEqualTo(Duration.ofHours(1));
    assertThat(config.schemaRegistry().url()).isEqualTo("http://127.0.0.1:8081");
    assertThat(config.proxy().http().listen()).isEqualTo("127.0.0.1:8080");
    assertThat(config.proxy().postgres().listen()).isEqualTo("127.0.0.1:15432");
    assertThat(config.proxy().verdictTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.evidence().listen()).isEqualTo("127.0.0.1:8088");
    assertThat(config.evidence().jdbcUrl()).isNull();
    assertThat(config.policy().defaultDecision()).isEqualTo("allow");
    assertThat(config.agents()).isEmpty();
    assertThat(config.apiUsers()).isEmpty();
  }

  @Test
  void emptySectionsTakeTheirDefaults() {
    WitnessConfig config = loader.parse("kafka: {}\nproxy:\n  http: {}\n", "witness.yaml");

    assertThat(config).isEqualTo(WitnessConfig.defaults());
  }

  @Test
  void theFullExampleLoads() throws URISyntaxException {
    WitnessConfig config = loader.load(Path.of(getClass().getResource("/witness-example.yaml").toURI()));

    assertThat(config.kafka()).isEqualTo(new KafkaConfig("10.0.0.11:9092,10.0.0.12:9092,10.0.0.13:9092",
        6, 16, (short) 3, Duration.ofHours(2), Duration.ofSeconds(3)));
    assertThat(config.schemaRegistry().url()).isEqualTo("http://registry.internal:8081");
    assertThat(config.proxy().replyPartition()).isEqualTo(2);
    assertThat(config.proxy().verdictTimeout()).isEqualTo(Duration.ofMillis(1500));
    HttpProxyConfig http = config.proxy().http();
    assertThat(http.listen()).isEqualTo("0.0.0.0:8080");
    assertThat(http.maxRequestBodyBytes()).isEqualTo(2_097_152L);
    assertThat(http.responseChunkBytes()).isEqualTo(65_536);
    assertThat(http.routes()).extracting(HttpRoute::prefix).containsExactly("/demo", "/mcp", "/k8s");
    assertThat(http.routes().get(0).credential().valueFromEnv()).isEqualTo("DEMO_API_TOKEN");
    assertThat(http.routes().get(1).stripPrefix()).isFalse();
    assertThat(http.routes().get(1).credential().header()).isEqualTo("X-Api-Key");
    assertThat(http.routes().get(2).stripPrefix()).isTrue();
    assertThat(http.routes().get(2).credential().header()).isEqualTo("Authorization");
    assertThat(http.routes().get(2).credential().toString()).doesNotContain("not-a-real-token");
    assertThat(config.proxy().postgres().listen()).isEqualTo("127.0.0.1:15432");
    assertThat(config.evidence()).isEqualTo(new EvidenceConfig("127.0.0.1:8088",
        "jdbc:postgresql://db.internal:5432/witness", "witness", "WITNESS_DB_PASSWORD"));
    assertThat(config.streams()).isEqualTo(new StreamsConfig("witness-prod", "/var/lib/witness/streams"));
    assertThat(config.policy().defaultDecision()).isEqualTo("deny");
    assertThat(config.policy().rules()).extracting(PolicyRule::id)
        .containsExactly("allow-customer-reads", "approve-deletes", "deny-kubernetes-secrets");
    RuleMatch reads = config.policy().rules().get(0).match();
    assertThat(reads.protocols()).containsExactly("HTTP");
    assertThat(reads.resources()).containsExactly("http:demo");
    assertThat(reads.agents()).containsExactly("support-bot");
    assertThat(reads.methods()).containsExactly("GET", "HEAD");
    assertThat(reads.paths()).containsExactly("/customers/**");
    assertThat(config.policy().rules().get(1).reason()).isEqualTo("Deletions are reviewed by the data owner");
    assertThat(config.agents()).extracting(AgentConfig::id).containsExactly("support-bot", "batch-reporter");
    assertThat(config.agents().get(0).delegatingHuman()).isEqualTo("alice@example.com");
    assertThat(config.apiUsers()).extracting(ApiUserConfig::id).containsExactly("auditor-1", "ops-admin");
    assertThat(config.apiUsers().get(1).roles()).containsExactly("approver", "admin");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> loader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("file not found");
  }

  @Test
  void loadNamesTheFileInEveryProblem(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("mine.yaml"), "kafka:\n  partitions: 0\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOfSatisfying(ConfigException.class, e ->
            assertThat(e.problems()).singleElement().asString().startsWith("mine.yaml: kafka.partitions:"));
  }

  @Test
  void anUnknownTopLevelFieldNamesTheKnownOnes() {
    assertThatThrownBy(() -> loader.parse("kafak:\n  bootstrap: x:1\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafak")
        .hasMessageContaining("unknown field")
        .hasMessageContaining("agents, apiUsers, approvals, evidence, kafka, masking, policy, proxy, schemaRegistry, streams");
  }

  @Test
  void anUnknownNestedFieldNamesItsPathAndTheKnownFieldsThere() {
    String yaml = """
        proxy:
          http:
            routes:
              - prefix: /a
                resource: http:a
                upstream: http://127.0.0.1:1
                stripprefix: false
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy.http.routes[0].stripprefix")
        .hasMessageContaining("unknown field 'stripprefix'")
        .hasMessageContaining("credential, dialect, prefix, resource, stripPrefix, upstream");
  }

  @Test
  void aRouteNamesItsDialectAndAnUnknownDialectIsRejected() {
    String yaml = """
        proxy:
          http:
            routes:
              - prefix: /mcp
                resource: mcp:tools
                upstream: http://127.0.0.1:1
                dialect: mcp
              - prefix: /plain
                resource: http:plain
                upstream: http://127.0.0.1:2
        """;

    List<HttpRoute> routes = loader.parse(yaml, "witness.yaml").proxy().http().routes();

    assertThat(routes).extracting(HttpRoute::dialect).containsExactly("mcp", "http");
    assertThatThrownBy(() -> loader.parse(yaml.replace("dialect: mcp", "dialect: grpc"), "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy.http.routes[0].dialect: 'grpc' is not one of [http, mcp, openai, kubernetes]");
  }

  @Test
  void theKubernetesListenerLoadsAndItsFieldsAreValidated() {
    String yaml = """
        proxy:
          kubernetes:
            listen: 127.0.0.1:16443
            resource: kubernetes:demo
            apiServer: https://10.0.0.1:6443
            tokenFromEnv: CLUSTER_TOKEN
            caFile: /etc/witness/cluster-ca.crt
        """;

    KubernetesProxyConfig k8s = loader.parse(yaml, "witness.yaml").proxy().kubernetes();

    assertThat(k8s.listen()).isEqualTo("127.0.0.1:16443");
    assertThat(k8s.apiServer()).isEqualTo("https://10.0.0.1:6443");
    assertThat(k8s.insecureSkipTlsVerify()).isFalse();
    assertThat(k8s.tokenCredential().valueFromEnv()).isEqualTo("CLUSTER_TOKEN");
    assertThat(loader.parse("proxy: {}\n", "witness.yaml").proxy().kubernetes()).isNull();
    assertThatThrownBy(() -> loader.parse(yaml.replace("https://10.0.0.1:6443", "http://10.0.0.1:8080"), "witness.yaml"))
        .hasMessageContaining("proxy.kubernetes.apiServer: 'http://10.0.0.1:8080' is not an https URL");
    assertThatThrownBy(() -> loader.parse(yaml.replace("    tokenFromEnv: CLUSTER_TOKEN\n", ""), "witness.yaml"))
        .hasMessageContaining("proxy.kubernetes: set exactly one of token, tokenFromEnv, tokenFromFile");
    assertThatThrownBy(() -> loader.parse(yaml + "    insecureSkipTlsVerify: true\n", "witness.yaml"))
        .hasMessageContaining("proxy.kubernetes.insecureSkipTlsVerify: true contradicts caFile");
    assertThatThrownBy(() -> loader.parse(yaml + "    certFile: /tmp/c.pem\n", "witness.yaml"))
        .hasMessageContaining("proxy.kubernetes: set both certFile and keyFile");
  }

  @Test
  void aBadDurationNamesTheFieldAndTheAcceptedForms() {
    assertThatThrownBy(() -> loader.parse("proxy:\n  verdictTimeout: soon\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy.verdictTimeout")
        .hasMessageContaining("'soon' is not a duration")
        .hasMessageContaining("5s")
        .hasMessageContaining("line 2");
  }

  @Test
  void aZeroVerdictTimeoutIsRejected() {
    assertThatThrownBy(() -> loader.parse("proxy:\n  verdictTimeout: 0s\n", "witness.yaml"))
        .hasMessageContaining("proxy.verdictTimeout: must be positive");
  }

  @Test
  void isoDurationsAreAccepted() {
    WitnessConfig config = loader.parse("kafka:\n  rawRetention: PT30M\n", "witness.yaml");

    assertThat(config.kafka().rawRetention()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aBadHostPortNamesTheField() {
    assertThatThrownBy(() -> loader.parse("proxy:\n  postgres:\n    listen: localhost\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy.postgres.listen: 'localhost' is not host:port");
    assertThatThrownBy(() -> loader.parse("evidence:\n  listen: 127.0.0.1:70000\n", "witness.yaml"))
        .hasMessageContaining("evidence.listen: '127.0.0.1:70000' is not host:port");
    assertThatThrownBy(() -> loader.parse("kafka:\n  bootstrap: a:9092,b\n", "witness.yaml"))
        .hasMessageContaining("kafka.bootstrap: 'b' is not host:port");
  }

  @Test
  void postgresProxySettingsBindWithDefaultsAndNameBadFields() {
    WitnessConfig config = loader.parse("proxy:\n  postgres:\n    listen: 127.0.0.1:25432\n    backend:\n"
        + "      port: 5433\n      database: demo\n      passwordFromEnv: PGPASS\n    maxRowsPerChunk: 50\n",
        "witness.yaml");

    PostgresProxyConfig pg = config.proxy().postgres();
    assertThat(pg.listen()).isEqualTo("127.0.0.1:25432");
    assertThat(pg.resource()).isEqualTo("postgres:demo");
    assertThat(pg.maxRowsPerChunk()).isEqualTo(50);
    assertThat(pg.backend().host()).isEqualTo("127.0.0.1");
    assertThat(pg.backend().port()).isEqualTo(5433);
    assertThat(pg.backend().user()).isEqualTo("postgres");
    assertThat(pg.backend().toString()).doesNotContain("PGPASS=").contains("env:PGPASS");
    assertThat(new PostgresProxyConfig("127.0.0.1:1").backend()).isEqualTo(PostgresBackendConfig.defaults());
    assertThatThrownBy(() -> loader.parse("proxy:\n  postgres:\n    maxRowsPerChunk: 0\n    backend:\n"
        + "      password: a\n      passwordFromFile: /x\n", "witness.yaml"))
        .hasMessageContaining("proxy.postgres.maxRowsPerChunk: must be a positive number")
        .hasMessageContaining("proxy.postgres.backend: set at most one of password");
    assertThat(loader.parse("proxy:\n  postgres:\n    tls:\n      certFile: /c.pem\n      keyFile: /k.pem\n",
        "witness.yaml").proxy().postgres().tls()).isEqualTo(new PostgresTlsConfig("/c.pem", "/k.pem"));
    assertThatThrownBy(() -> loader.parse("proxy:\n  postgres:\n    tls:\n      certFile: /c.pem\n", "witness.yaml"))
        .hasMessageContaining("proxy.postgres.tls: set both certFile and keyFile");
  }

  @Test
  void aBadSha256NamesTheFieldAndHowToComputeIt() {
    String yaml = "agents:\n  - id: bot\n    tokenSha256: " + SHA.toUpperCase() + "\n";

    assertThatThrownBy(() -> loader.parse(yaml, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("agents[0].tokenSha256")
        .hasMessageContaining("sha256sum");
    assertThatThrownBy(() -> loader.parse("apiUsers:\n  - id: me\n    roles: [auditor]\n", "witness.yaml"))
        .hasMessageContaining("apiUsers[0].tokenSha256");
  }

  @Test
  void duplicateRuleIdsNameTheSecondRule() {
    String yaml = """
        policy:
          rules:
            - id: same
              decision: allow
            - id: same
              decision: deny
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.rules[1].id: 'same' is used by an earlier rule");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = """
        kafka:
          partitions: 0
        policy:
          defaultDecision: maybe
          rules:
            - id: r
              decision: perhaps
        """;

    assertThatThrownBy(() -> loader.parse(yaml, "witness.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("kafka.partitions"))
            .anySatisfy(p -> assertThat(p).contains("policy.defaultDecision"))
            .anySatisfy(p -> assertThat(p).contains("policy.rules[0].decision")));
  }

  @Test
  void aWrongTypeNamesTheField() {
    assertThatThrownBy(() -> loader.parse("kafka:\n  partitions: many\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.partitions");
  }

  @Test
  void aReplyPartitionOutsideTheTopicIsRejected() {
    assertThatThrownBy(() -> loader.parse("proxy:\n  replyPartition: 8\n", "witness.yaml"))
        .hasMessageContaining("proxy.replyPartition: 8 is outside 0..7");
  }

  @Test
  void invalidYamlIsReportedAsSuch() {
    assertThatThrownBy(() -> loader.parse("kafka: [unclosed\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("witness.yaml: ");
  }
}
