package dev.witness.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.TopicProvisioner;
import dev.witness.schemas.topic.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook notifier against the real broker and a local HTTP receiver that checks signatures. */
class WebhookApprovalsIT {

  private static final String SECRET = "whsec-0123456789abcdef0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivery as the receiver saw it. */
  record Delivery(String eventId, String timestamp, String signature, JsonNode body, boolean signatureValid) {}

  private HttpServer receiver;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private SchemaRegistryClient registry;
  private KafkaProducer<String, SpecificRecord> producer;
  private WebhookApprovalNotifier notifier;

  @BeforeEach
  void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicProvisioner(admin, KafkaConfig.defaults().withBootstrap(bootstrap)).provision();
    }
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks/witness", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String ts = exchange.getRequestHeaders().getFirst("X-Witness-Timestamp");
      String sig = exchange.getRequestHeaders().getFirst("X-Witness-Signature");
      deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Witness-Event-Id"), ts, sig,
          JSON.readTree(body), sign(ts, body).equals(sig)));
      Integer status = statuses.poll();
      exchange.sendResponseHeaders(status == null ? 204 : status, -1);
      exchange.close();
    });
    receiver.start();
    registry = new InMemorySchemaRegistryClient();
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(), AvroEventSerde.forTopic(registry, Topics.APPROVALS).serializer());
    notifier = new WebhookApprovalNotifier(bootstrap, registry,
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/witness"), SECRET,
        Duration.ofSeconds(5), Clock.systemUTC(), Duration.ofMillis(100));
    notifier.start();
  }

  @AfterEach
  void stop() {
    notifier.close();
    producer.close();
    receiver.stop(0);
  }

  private static String sign(String ts, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(("v1:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void produce(String approvalId, SpecificRecord event) throws Exception {
    producer.send(new ProducerRecord<>(Topics.APPROVALS.name(), approvalId, event)).get();
  }

  private List<Delivery> awaitDeliveries(String approvalId, int count) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).until(
        () -> deliveries.stream().filter(d -> approvalId.equals(d.body().path("approvalId").asText())).toList(),
        list -> list.size() >= count);
  }

  private static ApprovalRequested requested(String approvalId) {
    return ApprovalRequested.newBuilder().setHeader(WebhookPayloadTest.header(UUID.randomUUID().toString()))
        .setApprovalId(approvalId).setRequestId("r").setRequestHash("h").setRules(List.of("bulk-delete"))
        .setExpiresAt(Instant.now().plusSeconds(600)).setStatement("DELETE FROM customers WHERE id = ?").setRisk("HIGH")
        .build();
  }

  @Test
  void everyApprovalEventIsPostedSignedAndInOrder() throws Exception {
    String id = "appr-" + UUID.randomUUID();
    produce(id, requested(id));
    produce(id, ApprovalDecided.newBuilder().setHeader(WebhookPayloadTest.header(UUID.randomUUID().toString()))
        .setApprovalId(id).setOutcome(ApprovalOutcome.APPROVED).setDecisions(List.of(WebhookPayloadTest.vote("U0ALICE", true)))
        .build());

    List<Delivery> got = awaitDeliveries(id, 2);

    assertThat(got).extracting(d -> d.body().get("type").asText()).containsExactly("approval.requested", "approval.decided");
    assertThat(got).allMatch(Delivery::signatureValid);
    assertThat(got).allMatch(d -> d.eventId().equals(d.body().get("eventId").asText()));
    assertThat(got.get(0).body().get("statement").asText()).isEqualTo("DELETE FROM customers WHERE id = ?");
    assertThat(got.get(1).body().at("/decisions/0/approverEmail").asText()).isEqualTo("U0ALICE@example.com");
  }

  @Test
  void aFailingReceiverGetsTheSameEventAgainAndARefusingOneIsSkipped() throws Exception {
    String retried = "appr-" + UUID.randomUUID();
    String next = "appr-" + UUID.randomUUID();
    statuses.add(503);
    statuses.add(429);
    produce(retried, requested(retried));

    List<Delivery> attempts = awaitDeliveries(retried, 3);
    assertThat(attempts).extracting(Delivery::eventId).containsOnly(attempts.get(0).eventId());

    statuses.add(400);
    produce(retried, requested(next));
    produce(retried, expired(next));
    List<Delivery> afterRefusal = awaitDeliveries(next, 2);
    assertThat(afterRefusal).extracting(d -> d.body().get("type").asText())
        .containsExactly("approval.requested", "approval.expired");
  }

  private static SpecificRecord expired(String approvalId) {
    return dev.witness.schemas.event.ApprovalExpired.newBuilder()
        .setHeader(WebhookPayloadTest.header(UUID.randomUUID().toString())).setApprovalId(approvalId).build();
  }
}
