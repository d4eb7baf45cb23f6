package dev.witness.streams.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.MaskingPlanConfig;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.StreamsSettings;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.testing.ItKafka;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Masking on the real broker. The verdict's mask plan drives masking: the verdict topology names plan
 * {@code pii} for customer reads, the test relays it onto the raw chunk as the proxy's gate does,
 * and the masking topology applies that plan; other requests get the {@code masking} section. A JSON
 * body cut across chunks is held (in the topology's state store) and masked whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskingPlanIT {

  private static final int PARTITIONS = 3;
  private static final int REPLY_PARTITION = 1;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String BODY = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}";

  private final String prefix = "it-plan-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<KafkaStreams> running = new ArrayList<>();
  private EmbeddedSchemaRegistry registryServer;
  private RestSchemaRegistryClient registry;
  private ItKafka kafka;
  private Producer<String, SpecificRecord> producer;

  @BeforeAll
  void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    Path stateRoot = ScratchDirectory.deletedOnExit("witness-masking-plan-it");
    registryServer = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    registry = new RestSchemaRegistryClient(registryServer.url(), Duration.ofSeconds(10));
    kafka = new ItKafka(bootstrap, registry);
    kafka.createTopics(Map.of(Topics.REQUESTS.name(), PARTITIONS, Topics.RESPONSES_RAW.name(), PARTITIONS,
        Topics.REPLIES.name(), 4, Topics.APPROVALS.name(), PARTITIONS));
    producer = kafka.producer();
    PolicyConfig policy = new PolicyConfig("allow", List.of(new PolicyRule("mask-customers", null,
        new RuleMatch(null, null, null, null, List.of("/customers/**")), "mask", null, null, "pii", null)));
    MaskingConfig masking = new MaskingConfig(null, null, null, null, null, null, null, null,
        Map.of("pii", new MaskingPlanConfig(null, null, null,
            List.of(new MaskingRule("names", null, List.of("name"), null, "token")))), null);
    Clock clock = Clock.systemUTC();
    start(VerdictTopology.build(registry, policy, clock), TopologyNames.VERDICTS, stateRoot);
    start(MaskingTopology.build(registry, masking, clock), TopologyNames.MASKING, stateRoot);
  }

  @AfterAll
  void stop() {
    running.forEach(s -> s.close(CloseOptions.groupMembershipOperation(
        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30))));
    if (producer != null) {
      producer.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (registryServer != null) {
      registryServer.close();
    }
  }

  @Test
  void aRequestThePolicyMasksGetsItsPlanAndAnotherGetsTheSection() {
    MaskedChunk customers = roundTrip(prefix + "-customers", "/customers/1");
    MaskedChunk orders = roundTrip(prefix + "-orders", "/orders/1");

    String planned = TestEvents.text(customers.getPayload());
    assertThat(planned).doesNotContain("Ada Lovelace").doesNotContain("ada@example.com")
        .contains("\"name\":\"tok_masked_").contains("\"email\":\"[EMAIL]\"");
    assertThat(TestEvents.text(orders.getPayload()))
        .isEqualTo("{\"name\":\"Ada Lovelace\",\"email\":\"[EMAIL]\"}");
  }

  @Test
  void aJsonBodyCutInsideAValueAcrossChunksReachesTheAgentMaskedWhole() {
    String session = prefix + "-cut";
    RequestIntercepted request = TestEvents.http(session, 1, "GET", "/orders/7", REPLY_PARTITION);
    String body = "{\"owner\":{\"email\":\"grace.hopper@example.com\"},\"card\":\"4111 1111 1111 1111\"}";
    int cutEmail = body.indexOf("hopper@") + 3;
    int cutCard = body.indexOf("1111 1111 1111") + 6;
    List<String> parts = List.of(body.substring(0, cutEmail), body.substring(cutEmail, cutCard), body.substring(cutCard));

    for (int i = 0; i < parts.size(); i++) {
      kafka.send(producer, Topics.RESPONSES_RAW.name(), session,
          TestEvents.chunk(request, 2 + i, i, i == parts.size() - 1, parts.get(i)));
    }
    StringBuilder agentSees = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      int index = i;
      MaskedChunk masked = (MaskedChunk) kafka.awaitReplyMatching(r -> r.value() instanceof MaskedChunk m
          && m.getRequestId().equals(request.getRequestId()) && m.getChunkIndex() == index, WAIT).value();
      assertThat(masked.getError()).isNull();
      agentSees.append(TestEvents.text(masked.getPayload()));
    }

    assertThat(agentSees.toString()).isEqualTo("{\"owner\":{\"email\":\"[EMAIL]\"},\"card\":\"**** **** **** 1111\"}");
  }

  /** What a proxy does: publish the request, take the verdict, publish the chunk with the verdict's plan. */
  private MaskedChunk roundTrip(String session, String path) {
    RequestIntercepted request = TestEvents.http(session, 1, "GET", path, REPLY_PARTITION);
    kafka.send(producer, Topics.REQUESTS.name(), session, request);
    Verdict verdict = (Verdict) kafka.awaitReply(request.getRequestId(), Verdict.class, WAIT).value();
    ResponseChunk chunk = TestEvents.chunk(request, 2, 0, true, BODY);
    chunk.setMaskPlan(verdict.getMaskPlan());
    kafka.send(producer, Topics.RESPONSES_RAW.name(), session, chunk);
    return (MaskedChunk) kafka.awaitReply(request.getRequestId(), MaskedChunk.class, WAIT).value();
  }

  private void start(Topology topology, String name, Path stateRoot) {
    KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.interactive(SharedKafka.bootstrap(),
        TopologyNames.applicationId(prefix, name), stateRoot.resolve(name).toString(), 1));
    running.add(streams);
    streams.start();
    await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
  }
}
