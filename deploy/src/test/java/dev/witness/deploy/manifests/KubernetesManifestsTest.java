package dev.witness.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.witness.deploy.WitnessCommand;
import dev.witness.deploy.role.Role;
import dev.witness.deploy.role.RoleRequirements;
import dev.witness.deploy.role.TopicsCreateCommand;
import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.topic.TopicSpec;
import dev.witness.streams.policy.PolicyCheck;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Loads every manifest of {@code deploy/k8s} strictly (fabric8 model classes, unknown fields fail;
 * Strimzi resources against the fields their CRDs define) and checks that they fit the launcher:
 * commands and options exist, witness.yaml from the ConfigMap loads and validates for each role
 * with the pod's environment and mounts, probes hit the paths and ports the role serves, every
 * container has resource limits, and the KafkaTopics are exactly the launcher's topic plan.
 */
class KubernetesManifestsTest {

  private static final Path DIR = Path.of("k8s");
  private static final Map<String, Set<String>> STRIMZI_SPEC_FIELDS = Map.of(
      "Kafka", Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter", "clusterCa", "clientsCa",
          "maintenanceTimeWindows"),
      "KafkaNodePool", Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template"),
      "KafkaTopic", Set.of("topicName", "partitions", "replicas", "config"));

  private record Doc(String file, Map<String, Object> body) {

    String kind() {
      return (String) body.get("kind");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
      return (Map<String, Object>) body.get(key);
    }
  }

  /** A Deployment or StatefulSet, reduced to what is checked here. */
  private record Workload(String name, int replicas, PodTemplateSpec template) {}

  private static final List<Doc> docs = new ArrayList<>();
  private static final List<Workload> workloads = new ArrayList<>();
  private static final List<Service> services = new ArrayList<>();
  private static final List<NetworkPolicy> policies = new ArrayList<>();
  private static String witnessYaml;

  @BeforeAll
  static void load() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          continue;
        }
        try (MappingIterator<Map<String, Object>> it = yaml.readerForMapOf(Object.class).readValues(file.toFile())) {
          while (it.hasNext()) {
            Map<String, Object> body = it.next();
            if (body != null && !body.isEmpty()) {
              docs.add(new Doc(file.getFileName().toString(), body));
            }
          }
        }
      }
    }
    for (Doc doc : docs) {
      String source = doc.file() + " " + doc.kind();
      switch (doc.kind()) {
        case "Namespace" -> StrictKubernetesModel.bind(doc.body(), Namespace.class, source);
        case "ConfigMap" -> witnessYaml = StrictKubernetesModel.bind(doc.body(), ConfigMap.class, source)
            .getData().get("witness.yaml");
        case "Service" -> services.add(StrictKubernetesModel.bind(doc.body(), Service.class, source));
        case "NetworkPolicy" -> policies.add(StrictKubernetesModel.bind(doc.body(), NetworkPolicy.class, source));
        case "Deployment" -> {
          Deployment d = StrictKubernetesModel.bind(doc.body(), Deployment.class, source);
          workloads.add(new Workload(d.getMetadata().getName(), d.getSpec().getReplicas(), d.getSpec().getTemplate()));
        }
        case "StatefulSet" -> {
          StatefulSet s = StrictKubernetesModel.bind(doc.body(), StatefulSet.class, source);
          workloads.add(new Workload(s.getMetadata().getName(), s.getSpec().getReplicas(), s.getSpec().getTemplate()));
        }
        case "Kafka", "KafkaNodePool", "KafkaTopic" -> {
          assertThat(doc.body().get("apiVersion")).as(source).isEqualTo("kafka.strimzi.io/v1beta2");
          assertThat(doc.body().keySet()).as(source).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
          assertThat(doc.map("spec").keySet()).as(source + " spec fields").isSubsetOf(STRIMZI_SPEC_FIELDS.get(doc.kind()));
        }
        default -> throw new AssertionError(source + ": unexpected kind; add it to this test");
      }
    }
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    Map<String, Object> kustomization = new YAMLMapper().readValue(DIR.resolve("kustomization.yaml").toFile(),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    Set<String> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(new TreeSet<>(castList(kustomization.get("resources")))).isEqualTo(files);
  }

  @Test
  void everyRoleHasItsWorkload() {
    assertThat(workloads).extracting(Workload::name)
        .containsExactlyInAnyOrder("witness-proxy", "witness-streams", "witness-evidence-api", "witness-schema-registry");
    assertThat(workload("proxy").replicas()).isEqualTo(2);
    assertThat(workload("streams").replicas()).isEqualTo(2);
    assertThat(workload("evidence-api").replicas()).isEqualTo(1);
  }

  @Test
  void witnessYamlLoadsAndValidatesInEveryPod() {
    assertThat(witnessYaml).isNotNull();
    for (Workload w : witnessWorkloads()) {
      Container c = witnessContainer(w);
      Map<String, String> env = env(c);
      WitnessConfig config = new ConfigLoader(env).parse(witnessYaml, "ConfigMap witness-config");
      PolicyCheck.validate(config.policy());
      Role role = role(w);
      assertThat(RoleRequirements.problems(config, role, env, path -> mounted(w, c, path.toString())))
          .as(w.name() + " with its environment and mounts").isEmpty();
      // The --config path is where the ConfigMap is mounted.
      String configPath = c.getArgs().get(c.getArgs().indexOf("--config") + 1);
      assertThat(mounted(w, c, configPath)).as(w.name() + " mounts " + configPath).isTrue();
    }
  }

  @Test
  void commandsAndOptionsExistInTheLauncher() {
    for (Workload w : witnessWorkloads()) {
      Container c = witnessContainer(w);
      CommandLine launcher = WitnessCommand.newCommandLine();
      assertThat(launcher.getSubcommands()).containsKey(c.getArgs().get(0));
      // Throws on an unknown option or a missing required one.
      CommandLine.ParseResult parsed = launcher.parseArgs(c.getArgs().toArray(String[]::new));
      assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(role(w).command());
    }
  }

  @Test
  void probesHitTheEndpointsTheRoleServes() {
    for (Workload w : witnessWorkloads()) {
      Container c = witnessContainer(w);
      WitnessConfig config = new ConfigLoader(env(c)).parse(witnessYaml, "ConfigMap");
      int served = role(w) == Role.EVIDENCE_API ? port(config.evidence().listen()) : port(config.admin().listenOrRoleDefault());
      assertProbe(w, c, c.getReadinessProbe(), "/readyz", served);
      assertProbe(w, c, c.getLivenessProbe(), "/healthz", served);
    }
    Workload registry = workload("schema-registry");
    assertThat(registry.template().getSpec().getContainers().get(0).getReadinessProbe()).isNotNull();
  }

  @Test
  void listenersMatchContainerPortsAndServices() {
    Workload proxy = workload("proxy");
    Container c = witnessContainer(proxy);
    WitnessConfig config = new ConfigLoader(env(c)).parse(witnessYaml, "ConfigMap");
    assertThat(containerPort(c, "http")).isEqualTo(port(config.proxy().http().listen()));
    assertThat(containerPort(c, "postgres")).isEqualTo(port(config.proxy().postgres().listen()));
    assertThat(config.proxy().http().listen()).startsWith("0.0.0.0:");
    assertThat(config.evidence().listen()).startsWith("0.0.0.0:");
    for (Service service : services) {
      Workload target = workloads.stream()
          .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
          .findFirst().orElseThrow(() -> new AssertionError("service " + service.getMetadata().getName() + " selects no pods"));
      Container tc = target.template().getSpec().getContainers().get(0);
      for (ServicePort p : service.getSpec().getPorts()) {
        assertThat(tc.getPorts()).extracting(ContainerPort::getName).as(service.getMetadata().getName())
            .contains(p.getTargetPort().getStrVal());
      }
    }
    assertThat(config.schemaRegistry().url()).contains(services.stream()
        .filter(s -> s.getMetadata().getName().equals("witness-schema-registry")).findFirst().orElseThrow()
        .getMetadata().getName());
  }

  @Test
  void everyContainerHasResourceRequestsAndLimits() {
    for (Workload w : workloads) {
      for (Container c : w.template().getSpec().getContainers()) {
        assertThat(c.getResources().getLimits()).as(w.name() + " limits").containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).as(w.name() + " requests").containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void eachProxyPodOwnsTheReplyPartitionOfItsOrdinal() {
    Workload proxy = workload("proxy");
    assertThat(docs).anySatisfy(d -> {
      assertThat(d.kind()).isEqualTo("StatefulSet");
      assertThat(((Map<?, ?>) d.map("metadata")).get("name")).isEqualTo(proxy.name());
    });
    EnvVar partition = witnessContainer(proxy).getEnv().stream()
        .filter(e -> e.getName().equals("WITNESS_REPLY_PARTITION")).findFirst().orElseThrow();
    assertThat(partition.getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    Map<String, String> env = env(witnessContainer(proxy));
    env.put("WITNESS_REPLY_PARTITION", "1");
    WitnessConfig config = new ConfigLoader(env).parse(witnessYaml, "ConfigMap");
    assertThat(config.proxy().replyPartition()).isEqualTo(1);
    assertThat(proxy.replicas()).isLessThanOrEqualTo(config.kafka().replyPartitions());
  }

  @Test
  void kafkaIsAThreeNodeKraftClusterReplicatingThreeWays() {
    Doc kafka = strimzi("Kafka").get(0);
    @SuppressWarnings("unchecked")
    Map<String, String> annotations = (Map<String, String>) kafka.map("metadata").get("annotations");
    assertThat(annotations).containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
    Map<String, Object> spec = kafka.map("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> broker = (Map<String, Object>) spec.get("kafka");
    @SuppressWarnings("unchecked")
    Map<String, Object> brokerConfig = (Map<String, Object>) broker.get("config");
    assertThat(brokerConfig).containsEntry("min.insync.replicas", 2).containsEntry("default.replication.factor", 3);
    assertThat(broker).containsKey("listeners");

    Doc pool = strimzi("KafkaNodePool").get(0);
    String clusterName = (String) kafka.map("metadata").get("name");
    assertThat(labels(pool)).containsEntry("strimzi.io/cluster", clusterName);
    assertThat(pool.map("spec")).containsEntry("replicas", 3);
    assertThat(castList(pool.map("spec").get("roles"))).containsExactlyInAnyOrder("controller", "broker");
    assertThat(pool.map("spec")).containsKey("storage");

    WitnessConfig config = new ConfigLoader(env(witnessContainer(workload("streams")))).parse(witnessYaml, "ConfigMap");
    List<Map<String, Object>> listeners = castList(broker.get("listeners"));
    String bootstrap = clusterName + "-kafka-bootstrap";
    assertThat(config.kafka().bootstrap()).startsWith(bootstrap + ".");
    assertThat(listeners).anySatisfy(l -> {
      assertThat(l.get("tls")).isEqualTo(false);
      assertThat(config.kafka().bootstrap()).endsWith(":" + l.get("port"));
    });
    assertThat(config.kafka().replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void kafkaTopicsAreExactlyTheLaunchersTopicPlan() {
    WitnessConfig config = new ConfigLoader(env(witnessContainer(workload("streams")))).parse(witnessYaml, "ConfigMap");
    KafkaConfig kafka = TopicsCreateCommand.withReplication(config.kafka(), (short) 3);
    Map<String, TopicSpec> plan = new LinkedHashMap<>();
    TopicsCreateCommand.plan(kafka, 2).forEach(t -> plan.put(t.name(), t));
    Map<String, Doc> topics = new HashMap<>();
    for (Doc topic : strimzi("KafkaTopic")) {
      assertThat(labels(topic)).containsEntry("strimzi.io/cluster", "witness");
      topics.put((String) topic.map("spec").get("topicName"), topic);
    }
    assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(plan.keySet());
    plan.forEach((name, spec) -> {
      Map<String, Object> topicSpec = topics.get(name).map("spec");
      assertThat(topicSpec.get("partitions")).as(name).isEqualTo(spec.partitions());
      assertThat(topicSpec.get("replicas")).as(name).isEqualTo((int) spec.replicationFactor());
      Map<String, String> configs = new HashMap<>();
      ((Map<?, ?>) topicSpec.get("config")).forEach((k, v) -> configs.put((String) k, String.valueOf(v)));
      assertThat(configs).as(name).isEqualTo(spec.configs());
    });
  }

  @Test
  void rawChunkEncryptionIsOnWithOneKeyRingSecretMountedInProxiesAndStreams() {
    Set<String> secrets = new HashSet<>();
    for (String role : List.of("proxy", "streams")) {
      Workload w = workload(role);
      Container c = witnessContainer(w);
      WitnessConfig config = new ConfigLoader(env(c)).parse(witnessYaml, "ConfigMap witness-config");
      var raw = config.masking().rawEncryption();
      assertThat(raw.active()).as(w.name() + " encrypts or decrypts raw chunks").isTrue();
      assertThat(raw.keyRingFile()).as(w.name()).isNotNull();
      assertThat(mounted(w, c, raw.keyRingFile())).as(w.name() + " mounts " + raw.keyRingFile()).isTrue();
      VolumeMount mount = c.getVolumeMounts().stream()
          .filter(m -> raw.keyRingFile().startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
      Volume volume = w.template().getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
          .findFirst().orElseThrow();
      assertThat(volume.getSecret()).as(w.name() + ": the key ring comes from a Secret").isNotNull();
      assertThat(mount.getReadOnly()).as(w.name()).isTrue();
      secrets.add(volume.getSecret().getSecretName());
    }
    assertThat(secrets).as("one key ring Secret shared by proxies and masking").hasSize(1);
  }

  @Test
  void secretsAreReferencedNotInlinedAndDocumented() throws IOException {
    assertThat(docs).noneMatch(d -> d.kind().equals("Secret"));
    String readme = Files.readString(DIR.resolve("README.md"));
    for (Workload w : workloads) {
      for (Container c : w.template().getSpec().getContainers()) {
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            assertThat(readme).as("README documents secret key").contains(e.getValueFrom().getSecretKeyRef().getName())
                .contains(e.getValueFrom().getSecretKeyRef().getKey());
          }
        }
      }
      for (Volume v : w.template().getSpec().getVolumes() == null ? List.<Volume>of() : w.template().getSpec().getVolumes()) {
        if (v.getSecret() != null) {
          assertThat(readme).contains(v.getSecret().getSecretName());
        }
      }
    }
  }

  @Test
  void networkPoliciesDenyByDefaultAndOpenOnlyServedPorts() {
    assertThat(policies).anySatisfy(p -> {
      assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
      assertThat(p.getSpec().getIngress()).isNullOrEmpty();
      assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
    });
    for (NetworkPolicy p : policies) {
      Map<String, String> selector = p.getSpec().getPodSelector().getMatchLabels();
      if (selector == null || selector.isEmpty()) {
        continue;
      }
      Workload target = workloads.stream()
          .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
          .findFirst().orElseThrow(() -> new AssertionError(p.getMetadata().getName() + " selects no pods"));
      Set<Integer> served = target.template().getSpec().getContainers().get(0).getPorts().stream()
          .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
      p.getSpec().getIngress().forEach(rule -> rule.getPorts()
          .forEach(port -> assertThat(served).as(p.getMetadata().getName()).contains(port.getPort().getIntVal())));
    }
  }

  private static void assertProbe(Workload w, Container c, Probe probe, String path, int servedPort) {
    assertThat(probe).as(w.name() + " " + path + " probe").isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get.getPath()).as(w.name()).isEqualTo(path);
    IntOrString port = get.getPort();
    int resolved = port.getStrVal() != null ? containerPort(c, port.getStrVal()) : port.getIntVal();
    assertThat(resolved).as(w.name() + " " + path + " port").isEqualTo(servedPort);
  }

  private static int containerPort(Container c, String name) {
    return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + name)).getContainerPort();
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static boolean mounted(Workload w, Container c, String path) {
    for (VolumeMount m : c.getVolumeMounts()) {
      if (!path.equals(m.getMountPath()) && !path.startsWith(m.getMountPath() + "/")) {
        continue;
      }
      Volume v = w.template().getSpec().getVolumes().stream().filter(x -> x.getName().equals(m.getName()))
          .findFirst().orElseThrow(() -> new AssertionError(w.name() + ": mount of undeclared volume " + m.getName()));
      String file = path.substring(path.lastIndexOf('/') + 1);
      if (v.getSecret() != null) {
        // A secret volume with items holds only those files.
        return v.getSecret().getItems() == null || v.getSecret().getItems().isEmpty()
            || v.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(file));
      }
      if (v.getConfigMap() != null) {
        return m.getSubPath() == null || path.equals(m.getMountPath());
      }
      return true;
    }
    return false;
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv()) {
      env.put(e.getName(), e.getValue() != null ? e.getValue() : PlaceholderEnv.valueFor(e.getName()));
    }
    return env;
  }

  private static Role role(Workload w) {
    String name = w.name().replace("witness-", "");
    return switch (name) {
      case "proxy" -> Role.PROXY;
      case "streams" -> Role.STREAMS;
      case "evidence-api" -> Role.EVIDENCE_API;
      case "schema-registry" -> null;
      default -> throw new AssertionError("unknown workload " + w.name());
    };
  }

  private static List<Workload> witnessWorkloads() {
    return workloads.stream().filter(w -> role(w) != null).toList();
  }

  private static Workload workload(String role) {
    return workloads.stream().filter(w -> w.name().equals("witness-" + role)).findFirst().orElseThrow();
  }

  private static Container witnessContainer(Workload w) {
    List<Container> containers = w.template().getSpec().getContainers();
    assertThat(containers).as(w.name()).hasSize(1);
    assertThat(containers.get(0).getImage()).startsWith("witness:");
    return containers.get(0);
  }

  private static List<Doc> strimzi(String kind) {
    return docs.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Doc doc) {
    return (Map<String, String>) doc.map("metadata").get("labels");
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> castList(Object value) {
    return (List<T>) value;
  }
}
