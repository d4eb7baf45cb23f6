package dev.witness.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.deploy.WitnessCommand;
import dev.witness.deploy.role.Role;
import dev.witness.deploy.role.RoleRequirements;
import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.streams.policy.PolicyCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * Reads {@code deploy/compose/docker-compose.yaml} as docker compose would (anchors, merge keys,
 * {@code ${VAR}} from {@code .env.example}) and checks each service: image, command, ports, env,
 * depends_on, health checks and volumes, and that the mounted witness.yaml loads and validates
 * for each Witness container with that container's environment and mounts.
 */
class ComposeFileTest {

  private static final Path DIR = Path.of("compose");
  private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?}");
  private static final Set<String> WITNESS_SERVICES =
      Set.of("topic-init", "proxy-1", "proxy-2", "streams-1", "streams-2", "evidence-api");

  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;
  private static String witnessYaml;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    Map<String, String> dotEnv = new HashMap<>();
    for (String line : Files.readAllLines(DIR.resolve(".env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        dotEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    // Like compose: parse first, then interpolate string values (a value stays a string).
    compose = (Map<String, Object>) interpolateAll(new Yaml().load(Files.readString(DIR.resolve("docker-compose.yaml"))), dotEnv);
    services = (Map<String, Map<String, Object>>) compose.get("services");
    witnessYaml = Files.readString(DIR.resolve("witness.yaml"));
  }

  private static Object interpolateAll(Object node, Map<String, String> env) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, interpolateAll(v, env)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(v -> interpolateAll(v, env)).toList();
    }
    return node instanceof String text ? interpolate(text, env) : node;
  }

  /** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}; every variable must resolve. */
  private static String interpolate(String text, Map<String, String> env) {
    Matcher m = COMPOSE_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null || value.isEmpty()) {
        assertThat(m.group(2)).as("${" + m.group(1) + "} is neither in .env.example nor defaulted").isEqualTo("-");
        value = m.group(3);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Test
  void theStackHasEveryProcessOfTheDistributedDeployment() {
    assertThat(services.keySet()).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "schema-registry",
        "postgres", "topic-init", "proxy-1", "proxy-2", "streams-1", "streams-2", "evidence-api");
  }

  @Test
  void kafkaIsAThreeBrokerKraftQuorumReplicatingThreeWays() {
    Set<String> nodeIds = new HashSet<>();
    Set<Object> volumes = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, Object> broker = services.get("kafka-" + i);
      assertThat((String) broker.get("image")).startsWith("apache/kafka:");
      Map<String, Object> env = map(broker.get("environment"));
      nodeIds.add(String.valueOf(env.get("KAFKA_NODE_ID")));
      assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://kafka-" + i + ":9092");
      assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
      assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo("3");
      assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("3");
      assertThat(env.get("CLUSTER_ID")).isNotNull();
      assertHealthCheck(broker);
      List<String> mounts = list(broker.get("volumes"));
      assertThat(mounts).hasSize(1);
      assertThat(mounts.get(0)).endsWith(":" + env.get("KAFKA_LOG_DIRS"));
      volumes.add(mounts.get(0));
    }
    assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");
    assertThat(volumes).hasSize(3);
  }

  @Test
  void registryAndPostgresAreHealthCheckedAndPersistent() {
    Map<String, Object> registry = services.get("schema-registry");
    assertThat(map(registry.get("environment")).get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
        .isEqualTo("PLAINTEXT://kafka-1:9092,PLAINTEXT://kafka-2:9092,PLAINTEXT://kafka-3:9092");
    assertHealthCheck(registry);
    Map<String, Object> postgres = services.get("postgres");
    assertHealthCheck(postgres);
    assertThat(list(postgres.get("volumes"))).anyMatch(v -> ((String) v).endsWith(":/var/lib/postgresql/data"))
        .anyMatch(v -> ((String) v).startsWith("./initdb:/docker-entrypoint-initdb.d"));
    assertThat(DIR.resolve("initdb")).isDirectory();
    WitnessConfig config = load("evidence-api");
    assertThat(config.evidence().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/"
        + map(postgres.get("environment")).get("POSTGRES_DB"));
    assertThat(config.evidence().user()).isEqualTo(map(postgres.get("environment")).get("POSTGRES_USER"));
  }

  @Test
  void everyWitnessServiceRunsALauncherCommandOnTheMountedConfig() {
    for (String name : WITNESS_SERVICES) {
      Map<String, Object> service = services.get(name);
      assertThat(service.get("image")).as(name).isEqualTo("witness:dev");
      assertThat(DIR.resolve("../..").resolve((String) map(service.get("build")).get("dockerfile"))).exists();
      List<String> command = list(service.get("command"));
      CommandLine launcher = WitnessCommand.newCommandLine();
      // Throws on an unknown subcommand or option, or a missing required one.
      launcher.parseArgs(command.toArray(String[]::new));
      String configPath = command.get(command.indexOf("--config") + 1);
      assertThat(list(service.get("volumes"))).as(name).contains("./witness.yaml:" + configPath + ":ro");
    }
    assertThat(list(services.get("topic-init").get("command")))
        .containsSubsequence("topics", "create").containsSubsequence("--replication-factor", "3")
        .containsSubsequence("--min-insync-replicas", "2");
    assertThat(services.get("topic-init").get("restart")).isEqualTo("no");
  }

  @Test
  void witnessYamlLoadsAndValidatesInEveryContainer() {
    for (String name : WITNESS_SERVICES) {
      WitnessConfig config = load(name);
      PolicyCheck.validate(config.policy());
      Role role = role(name);
      if (role != null) {
        Map<String, String> env = env(name);
        assertThat(RoleRequirements.problems(config, role, env, path -> mounted(name, path.toString())))
            .as(name + " with its environment and mounts").isEmpty();
      }
      assertThat(config.kafka().bootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
      assertThat(config.schemaRegistry().url()).isEqualTo("http://schema-registry:8081");
    }
  }

  @Test
  void eachProxyOwnsItsOwnReplyPartition() {
    int first = load("proxy-1").proxy().replyPartition();
    int second = load("proxy-2").proxy().replyPartition();
    assertThat(first).isNotEqualTo(second);
    assertThat(List.of(first, second)).allMatch(p -> p < load("proxy-1").kafka().replyPartitions());
  }

  @Test
  void publishedPortsReachTheConfiguredListeners() {
    Set<String> hostPorts = new HashSet<>();
    for (String name : List.of("proxy-1", "proxy-2", "evidence-api")) {
      WitnessConfig config = load(name);
      Set<Integer> containerPorts = new HashSet<>();
      for (String mapping : ComposeFileTest.<String>list(services.get(name).get("ports"))) {
        String[] parts = mapping.split(":");
        assertThat(hostPorts.add(parts[0])).as("host port " + parts[0] + " published twice").isTrue();
        containerPorts.add(Integer.parseInt(parts[1]));
      }
      if (name.startsWith("proxy")) {
        assertThat(containerPorts).containsExactlyInAnyOrder(port(config.proxy().http().listen()),
            port(config.proxy().postgres().listen()));
        assertThat(config.proxy().http().listen()).startsWith("0.0.0.0:");
      } else {
        assertThat(containerPorts).containsExactly(port(config.evidence().listen()));
      }
    }
  }

  @Test
  void healthChecksHitTheEndpointsTheRolesServe() {
    for (String name : WITNESS_SERVICES) {
      if (name.equals("topic-init")) {
        assertThat(services.get(name)).doesNotContainKey("healthcheck");
        continue;
      }
      WitnessConfig config = load(name);
      int port = name.equals("evidence-api") ? port(config.evidence().listen()) : port(config.admin().listenOrRoleDefault());
      List<String> test = list(map(services.get(name).get("healthcheck")).get("test"));
      assertThat(test).as(name).contains("http://127.0.0.1:" + port + "/healthz");
    }
  }

  @Test
  void startOrderFollowsTheDependencies() {
    for (String name : WITNESS_SERVICES) {
      Map<String, Object> dependsOn = map(services.get(name).get("depends_on"));
      if (name.equals("topic-init")) {
        assertThat(dependsOn.keySet()).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3");
        dependsOn.values().forEach(v -> assertThat(map(v).get("condition")).isEqualTo("service_healthy"));
        continue;
      }
      assertThat(map(dependsOn.get("topic-init")).get("condition")).as(name).isEqualTo("service_completed_successfully");
      assertThat(map(dependsOn.get("schema-registry")).get("condition")).as(name).isEqualTo("service_healthy");
    }
    assertThat(map(map(services.get("evidence-api").get("depends_on")).get("postgres")).get("condition"))
        .isEqualTo("service_healthy");
    for (String name : List.of("proxy-1", "proxy-2")) {
      assertThat(map(services.get(name).get("depends_on"))).containsKey("postgres");
    }
  }

  @Test
  void volumesAndSecretsAreDeclaredAndStreamsStateIsPerInstance() {
    Set<String> declared = map(compose.get("volumes")).keySet();
    Set<String> used = new HashSet<>();
    for (Map<String, Object> service : services.values()) {
      for (String mount : ComposeFileTest.<String>list(service.get("volumes"))) {
        String source = mount.substring(0, mount.indexOf(':'));
        if (!source.startsWith(".")) {
          used.add(source);
        }
      }
    }
    assertThat(used).isEqualTo(declared);
    Set<String> secrets = map(compose.get("secrets")).keySet();
    for (String name : WITNESS_SERVICES) {
      assertThat(ComposeFileTest.<String>list(services.get(name).get("secrets"))).allMatch(secrets::contains);
    }
    String stateDir = load("streams-1").streams().stateDir();
    Set<String> stateVolumes = new HashSet<>();
    for (String name : List.of("streams-1", "streams-2")) {
      String mount = ComposeFileTest.<String>list(services.get(name).get("volumes")).stream()
          .filter(v -> v.endsWith(":" + stateDir)).findFirst().orElseThrow();
      stateVolumes.add(mount.substring(0, mount.indexOf(':')));
    }
    assertThat(stateVolumes).hasSize(2);
  }

  @Test
  void rawChunkEncryptionIsOnWithOneKeyRingMountedInEveryProxyAndStreamsContainer() {
    Set<String> rings = new HashSet<>();
    for (String name : List.of("proxy-1", "proxy-2", "streams-1", "streams-2")) {
      var raw = load(name).masking().rawEncryption();
      assertThat(raw.active()).as(name + " encrypts or decrypts raw chunks").isTrue();
      assertThat(raw.keyRingFile()).as(name).isNotNull();
      assertThat(mounted(name, raw.keyRingFile())).as(name + " mounts " + raw.keyRingFile()).isTrue();
      String secret = raw.keyRingFile().substring("/run/secrets/".length());
      assertThat(ComposeFileTest.<String>list(services.get(name).get("secrets"))).as(name).contains(secret);
      rings.add(String.valueOf(map(map(compose.get("secrets")).get(secret)).get("file")));
    }
    assertThat(rings).as("one key ring file shared by proxies and masking").hasSize(1);
  }

  private static WitnessConfig load(String service) {
    return new ConfigLoader(env(service)).parse(witnessYaml, "compose/witness.yaml (" + service + ")");
  }

  private static Map<String, String> env(String service) {
    Map<String, String> env = new HashMap<>();
    map(services.get(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  /** Whether {@code path} is inside what the service mounts: a bind mount, a volume or a secret. */
  private static boolean mounted(String service, String path) {
    for (String mount : ComposeFileTest.<String>list(services.get(service).get("volumes"))) {
      String target = mount.split(":")[1];
      if (path.equals(target) || path.startsWith(target + "/")) {
        return true;
      }
    }
    return ComposeFileTest.<String>list(services.get(service).get("secrets")).stream()
        .anyMatch(secret -> path.equals("/run/secrets/" + secret));
  }

  private static Role role(String service) {
    if (service.startsWith("proxy")) {
      return Role.PROXY;
    }
    if (service.startsWith("streams")) {
      return Role.STREAMS;
    }
    return service.equals("evidence-api") ? Role.EVIDENCE_API : null;
  }

  private static void assertHealthCheck(Map<String, Object> service) {
    Map<String, Object> check = map(service.get("healthcheck"));
    assertThat(check).containsKeys("test", "interval", "retries");
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object value) {
    return value == null ? List.of() : new ArrayList<>((List<T>) value);
  }
}
