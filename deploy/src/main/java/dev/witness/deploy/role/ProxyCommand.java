package dev.witness.deploy.role;

import dev.witness.deploy.standalone.ProxyRuntime;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code witness proxy}: the HTTP and PostgreSQL proxies of one instance, against an external Kafka. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one proxy instance (HTTP and PostgreSQL listeners) against the Kafka cluster and",
        "schema registry of witness.yaml. Each instance owns one partition of witness.replies",
        "(proxy.replyPartition, or --reply-partition). SIGTERM stops it cleanly."})
public final class ProxyCommand implements Callable<Integer> {

  @Mixin RoleOptions options;

  @Option(names = "--reply-partition",
      description = "Overrides proxy.replyPartition (e.g. a StatefulSet ordinal); unique per instance.")
  Integer replyPartition;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WitnessConfig config = withReplyPartition(options.load(Role.PROXY), replyPartition);
    return RoleProcess.run(Role.PROXY, spec.commandLine().getOut(), (stack, metrics) -> {
      KafkaProbe kafka = stack.push("kafka-probe", new KafkaProbe(config.kafka().bootstrap(), Clock.systemUTC()));
      AtomicReference<ProxyRuntime> proxy = new AtomicReference<>();
      AdminServer admin = stack.push("admin", AdminServer.start(config.admin().listenOrRoleDefault(), () -> {
        List<String> problems = new ArrayList<>();
        kafka.problem().ifPresent(problems::add);
        if (proxy.get() == null) {
          problems.add("proxy listeners are starting");
        }
        return problems;
      }, metrics));
      TopicCheck.requireProvisioned(config.kafka());
      RestSchemaRegistryClient registry = stack.push("registry-client",
          new RestSchemaRegistryClient(config.schemaRegistry().url(), Duration.ofSeconds(10)));
      proxy.set(stack.push("proxy", ProxyRuntime.start(config, registry)));
      proxy.get().kafkaClientMetrics().forEach(metrics::bind);
      return "replyPartition=" + config.proxy().replyPartition()
          + " http=" + proxy.get().httpUrl() + " postgres=" + proxy.get().postgresAddress()
          + " admin=" + admin.port();
    });
  }

  /** {@code config} with the instance's reply partition from the command line, range-checked. */
  static WitnessConfig withReplyPartition(WitnessConfig config, Integer partition) {
    if (partition == null) {
      return config;
    }
    int partitions = config.kafka().replyPartitions();
    if (partition < 0 || partition >= partitions) {
      throw new ConfigException("--reply-partition: " + partition + " is outside 0.." + (partitions - 1)
          + "; raise kafka.replyPartitions (and the topic's partitions) or run fewer proxy instances");
    }
    return config.withProxy(config.proxy().withReplyPartition(partition));
  }
}
