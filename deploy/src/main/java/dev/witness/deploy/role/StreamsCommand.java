package dev.witness.deploy.role;

import dev.witness.deploy.standalone.TopologyRuntime;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code witness streams}: every topology of Witness in one process. Instances of this role
 * share the work through their Kafka Streams consumer groups; add instances to scale out.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the topologies (verdicts, approvals, masking, SIEM feed, ledger, checkpoints) against",
        "the Kafka cluster of witness.yaml. Instances share partitions through consumer groups.",
        "Needs streams.checkpoint.signingKeyFile (the same key in every instance). SIGTERM stops it cleanly."})
public final class StreamsCommand implements Callable<Integer> {

  @Mixin RoleOptions options;

  @Option(names = "--state-dir", defaultValue = "witness-streams",
      description = "Local state directory when streams.stateDir is not set (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WitnessConfig config = options.load(Role.STREAMS);
    SigningKey signingKey = signingKey(config);
    return RoleProcess.run(Role.STREAMS, spec.commandLine().getOut(), (stack, metrics) -> {
      KafkaProbe kafka = stack.push("kafka-probe", new KafkaProbe(config.kafka().bootstrap(), Clock.systemUTC()));
      AtomicReference<TopologyRuntime> topologies = new AtomicReference<>();
      AdminServer admin = stack.push("admin", AdminServer.start(config.admin().listenOrRoleDefault(),
          () -> problems(kafka, topologies.get()), metrics));
      TopicCheck.requireProvisioned(config.kafka());
      RestSchemaRegistryClient registry = stack.push("registry-client",
          new RestSchemaRegistryClient(config.schemaRegistry().url(), Duration.ofSeconds(10)));
      TopologyRuntime running = stack.push("topologies",
          TopologyRuntime.start(config, registry, stateDir, signingKey));
      for (KafkaStreams app : running.applications()) {
        metrics.bind(new KafkaStreamsMetrics(app));
      }
      topologies.set(running);
      return "topologies=" + running.applications().size() + " admin=" + admin.port();
    });
  }

  private static SigningKey signingKey(WitnessConfig config) {
    String file = config.streams().checkpoint().signingKeyFile();
    try {
      return SigningKeys.load(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("streams.checkpoint.signingKeyFile: cannot read the Ed25519 key " + file, e);
    }
  }

  /** Kafka reachable and every topology RUNNING; otherwise each reason. */
  static List<String> problems(KafkaProbe kafka, TopologyRuntime topologies) {
    List<String> problems = new ArrayList<>();
    kafka.problem().ifPresent(problems::add);
    if (topologies == null) {
      problems.add("topologies are starting");
      return problems;
    }
    for (KafkaStreams app : topologies.applications()) {
      if (app.state() != KafkaStreams.State.RUNNING) {
        problems.add("topology " + applicationId(app) + " is " + app.state());
      }
    }
    return problems;
  }

  // Kafka Streams reports its application id as a client-level metric; it has no getter.
  private static String applicationId(KafkaStreams app) {
    for (var entry : app.metrics().entrySet()) {
      MetricName name = entry.getKey();
      if ("application-id".equals(name.name()) && "stream-metrics".equals(name.group())) {
        Metric metric = entry.getValue();
        return String.valueOf(metric.metricValue());
      }
    }
    return "(unknown)";
  }
}
