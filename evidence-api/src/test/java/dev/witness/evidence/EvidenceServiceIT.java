package dev.witness.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.embedded.SharedKafka;
import dev.witness.embedded.SharedPostgres;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.config.EvidenceConfig;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.topic.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The launcher's entry point end to end: ledger in Kafka to JSON over HTTP. */
class EvidenceServiceIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "service-it-auditor";
  private static List<ApiUserConfig> users;

  @BeforeAll
  static void setUp() throws Exception {
    TestTopics.ensureLedger(SharedKafka.bootstrap());
    String hash = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
    users = List.of(new ApiUserConfig("auditor", hash, List.of("auditor")));
  }

  private static EvidenceService start(String listen) {
    return EvidenceService.start(EvidenceConfig.defaults().withListen(listen),
        SharedPostgres.dataSource(SharedPostgres.freshDatabase("service_it")), SharedKafka.bootstrap(),
        Map.of("group.id", "service-it-" + System.nanoTime()), LedgerRecords.REGISTRY, users);
  }

  private static HttpResponse<String> get(int port, String path, boolean authenticated) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (authenticated) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesLedgerEntriesIngestedFromKafka() throws Exception {
    String session = "service-it-" + System.nanoTime();
    Instant now = Instant.parse("2025-03-01T10:00:00Z");
    LedgerEntry entry = new LedgerChain(0).append(
        new Events(session, "agent-9", "http:demo", Protocol.HTTP).httpRequest("r1", now, null, false), now);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrap()),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.LEDGER.name(), 0, session, LedgerRecords.value(entry)))
          .get(30, TimeUnit.SECONDS);
    }

    try (EvidenceService service = start("127.0.0.1:0")) {
      int port = service.port();
      assertThat(port).isPositive();
      assertThat(get(port, "/healthz", false).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/v1/sessions/" + session, true).statusCode() == 200);
      HttpResponse<String> events = get(port, "/v1/sessions/" + session + "/events", true);
      JsonNode json = DocumentJson.mapper().readTree(events.body());
      assertThat(json.at("/events/0/type").asText()).isEqualTo("request");
      assertThat(json.at("/events/0/agent/id").asText()).isEqualTo("agent-9");
      assertThat(get(port, "/readyz", false).statusCode()).isEqualTo(200);
      assertThat(get(port, "/v1/sessions", false).statusCode()).isEqualTo(401);
      assertThat(service.ingestStatus().running()).isTrue();
    }
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> start("127.0.0.1:" + port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("evidence.listen");
    }
  }

  @Test
  void startsFromAJdbcUrl() throws Exception {
    String db = SharedPostgres.freshDatabase("service_url_it");
    try (EvidenceService service = EvidenceService.start(EvidenceConfig.defaults().withListen("127.0.0.1:0"),
        SharedPostgres.jdbcUrl(db), "postgres", null, SharedKafka.bootstrap(), LedgerRecords.REGISTRY, users)) {
      assertThat(get(service.port(), "/v1/sessions", true).statusCode()).isEqualTo(200);
    }
  }
}
