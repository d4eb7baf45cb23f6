package dev.witness.schemas.config;

import java.util.List;

/**
 * The whole {@code witness.yaml}. Every section is optional; absent sections take the defaults of
 * {@code witness standalone} (ARCHITECTURE.md). Build instances with {@link ConfigLoader}, which
 * validates them.
 */
public record WitnessConfig(
    KafkaConfig kafka,
    SchemaRegistryConfig schemaRegistry,
    ProxyConfig proxy,
    EvidenceConfig evidence,
    StreamsConfig streams,
    PolicyConfig policy,
    MaskingConfig masking,
    List<AgentConfig> agents,
    List<ApiUserConfig> apiUsers,
    ApprovalsConfig approvals,
    AdminConfig admin) {

  public WitnessConfig {
    kafka = kafka == null ? KafkaConfig.defaults() : kafka;
    schemaRegistry = schemaRegistry == null ? SchemaRegistryConfig.defaults() : schemaRegistry;
    proxy = proxy == null ? ProxyConfig.defaults() : proxy;
    evidence = evidence == null ? EvidenceConfig.defaults() : evidence;
    streams = streams == null ? StreamsConfig.defaults() : streams;
    policy = policy == null ? PolicyConfig.defaults() : policy;
    masking = masking == null ? MaskingConfig.defaults() : masking;
    agents = agents == null ? List.of() : List.copyOf(agents);
    apiUsers = apiUsers == null ? List.of() : List.copyOf(apiUsers);
    approvals = approvals == null ? ApprovalsConfig.defaults() : approvals;
    admin = admin == null ? AdminConfig.defaults() : admin;
  }

  /** A configuration without an {@code admin} section. */
  public WitnessConfig(
      KafkaConfig kafka,
      SchemaRegistryConfig schemaRegistry,
      ProxyConfig proxy,
      EvidenceConfig evidence,
      StreamsConfig streams,
      PolicyConfig policy,
      MaskingConfig masking,
      List<AgentConfig> agents,
      List<ApiUserConfig> apiUsers,
      ApprovalsConfig approvals) {
    this(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, null);
  }

  /** A configuration without an {@code approvals} section. */
  public WitnessConfig(
      KafkaConfig kafka,
      SchemaRegistryConfig schemaRegistry,
      ProxyConfig proxy,
      EvidenceConfig evidence,
      StreamsConfig streams,
      PolicyConfig policy,
      MaskingConfig masking,
      List<AgentConfig> agents,
      List<ApiUserConfig> apiUsers) {
    this(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, null, null);
  }

  /** A configuration with every default and no agents or API users. */
  public static WitnessConfig defaults() {
    return new WitnessConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with these agents and API users (standalone adds its demo credentials). */
  public WitnessConfig withCredentials(List<AgentConfig> agents, List<ApiUserConfig> apiUsers) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other proxy settings. */
  public WitnessConfig withProxy(ProxyConfig proxy) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other Kafka settings. */
  public WitnessConfig withKafka(KafkaConfig kafka) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other registry settings. */
  public WitnessConfig withSchemaRegistry(SchemaRegistryConfig schemaRegistry) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other evidence settings. */
  public WitnessConfig withEvidence(EvidenceConfig evidence) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other streams settings. */
  public WitnessConfig withStreams(StreamsConfig streams) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other masking settings. */
  public WitnessConfig withMasking(MaskingConfig masking) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other approval channels. */
  public WitnessConfig withApprovals(ApprovalsConfig approvals) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with another policy. */
  public WitnessConfig withPolicy(PolicyConfig policy) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }

  /** A copy with other admin endpoint settings. */
  public WitnessConfig withAdmin(AdminConfig admin) {
    return new WitnessConfig(kafka, schemaRegistry, proxy, evidence, streams, policy, masking, agents, apiUsers, approvals, admin);
  }
}
