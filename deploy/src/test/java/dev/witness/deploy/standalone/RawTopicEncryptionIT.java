package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.deploy.demo.DemoDatabase;
import dev.witness.deploy.demo.SyntheticCustomers;
import dev.witness.deploy.demo.SyntheticCustomers.Customer;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.envelope.DataKeyRingFile;
import dev.witness.schemas.envelope.ChunkEnvelope;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw topic encryption as standalone runs it (real broker, real psql and HTTP client): the agent
 * gets masked results while {@code witness.responses.raw} holds no demo customer's personal data in
 * clear, and a key rotated in while running takes over without a restart.
 */
class RawTopicEncryptionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Customer> CUSTOMERS = SyntheticCustomers.generate(DemoDatabase.CUSTOMERS, DemoDatabase.SEED);

  @AutoClose
  private static Standalone witness;
  private static Path dataDir;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    StartedStandalone started = StartedStandalone.start(WitnessConfig.defaults(), "raw-encryption");
    witness = started.witness();
    dataDir = started.dataDir();
  }

  @Test
  void theAgentGetsMaskedResultsWhileTheRawTopicHoldsNoPersonalDataInClear() throws Exception {
    Path ring = dataDir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE);
    assertThat(witness.config().masking().rawEncryption().keyRingFile()).isEqualTo(ring.toString());
    String firstKey = DataKeyRingFile.read(ring).active().id();

    String rows = psql("select * from customers order by id");
    Customer viaHttp = CUSTOMERS.get(11);
    HttpResponse<String> response = agent("/demo/customers/" + viaHttp.id());

    // The agent: every row, masked.
    for (Customer c : CUSTOMERS) {
      assertThat(rows).as("psql output").contains(c.id() + "|").contains(c.city())
          .doesNotContain(c.email()).doesNotContain(c.cardNumber()).doesNotContain(c.iban()).doesNotContain(c.ssn());
    }
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode customer = JSON.readTree(response.body());
    assertThat(customer.get("id").asInt()).isEqualTo(viaHttp.id());
    assertThat(customer.get("city").asText()).isEqualTo(viaHttp.city());
    assertThat(response.body()).doesNotContain(viaHttp.email()).doesNotContain(viaHttp.cardNumber());
    assertThat(customer.get("card_number").asText()).endsWith(viaHttp.cardNumber().substring(12));

    // The raw topic: every chunk encrypted, no value of any customer in clear (not even unmasked ones).
    List<byte[]> raw = TopicContents.readAll(witness.endpoints().kafka(), Topics.RESPONSES_RAW.name());
    assertThat(raw).hasSizeGreaterThanOrEqualTo(2);
    assertNoCustomerDataIn(raw, Topics.RESPONSES_RAW.name());
    List<ResponseChunk> chunks = decode(raw);
    assertThat(chunks).allSatisfy(c -> assertThat(c.getEncryption()).as("chunk %s of %s", c.getChunkIndex(),
        c.getRequestId()).isNotNull());
    assertThat(chunks).extracting(c -> c.getEncryption().getKeyId().toString()).contains(firstKey);
    assertNoCustomerDataIn(TopicContents.readAll(witness.endpoints().kafka(), Topics.LEDGER.name()),
        Topics.LEDGER.name());
  }

  @Test
  void aKeyRotatedWhileRunningEncryptsTheNextResponses() throws Exception {
    Path ring = dataDir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE);
    String rotated = DataKeyRingFile.rotate(ring, true, Clock.systemUTC(), new SecureRandom());
    Customer c = CUSTOMERS.get(42);

    // Proxies and masking re-read the key ring at most once a second (ReloadingKeyRing.CHECK_EVERY).
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String row = psql("select id, email, city from customers where id = " + c.id());
      assertThat(row).startsWith(c.id() + "|").contains(c.city()).doesNotContain(c.email());
      assertThat(decode(TopicContents.readAll(witness.endpoints().kafka(), Topics.RESPONSES_RAW.name())))
          .extracting(k -> k.getEncryption().getKeyId().toString()).contains(rotated);
    });
    assertNoCustomerDataIn(TopicContents.readAll(witness.endpoints().kafka(), Topics.RESPONSES_RAW.name()),
        Topics.RESPONSES_RAW.name());
  }

  @Test
  void aTamperedOrForeignChunkOnTheRawTopicIsWithheldNotDecryptedIntoTheReplies() throws Exception {
    Path ring = dataDir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE);
    SecureRandom random = new SecureRandom();
    Customer c = CUSTOMERS.get(7);
    String body = "{\"email\":\"" + c.email() + "\"}";
    ResponseChunk sealed = ChunkEnvelope.seal(rawChunk("tampered-" + UUID.randomUUID(), body),
        DataKeyRingFile.read(ring).active(), random);
    byte[] flipped = sealed.getPayload().array().clone();
    flipped[0] ^= 0x20;
    ResponseChunk tampered = ResponseChunk.newBuilder(sealed).setPayload(ByteBuffer.wrap(flipped)).build();
    ResponseChunk foreign = ChunkEnvelope.seal(rawChunk("foreign-" + UUID.randomUUID(), body),
        DataKeyRingFile.newKey(Clock.systemUTC(), random), random);

    RestSchemaRegistryClient registry = new RestSchemaRegistryClient(witness.endpoints().schemaRegistry(),
        Duration.ofSeconds(10));
    try (KafkaProducer<String, ResponseChunk> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", witness.endpoints().kafka(), "acks", "all"),
        new StringSerializer(), AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW).serializer())) {
      for (ResponseChunk chunk : List.of(tampered, foreign)) {
        producer.send(new ProducerRecord<>(Topics.RESPONSES_RAW.name(), chunk.getHeader().getSessionId().toString(),
            chunk)).get();
      }
    }

    var replies = AvroEventSerde.forTopic(registry, Topics.REPLIES).deserializer();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, MaskedChunk> answered = new java.util.HashMap<>();
      for (byte[] r : TopicContents.readAll(witness.endpoints().kafka(), Topics.REPLIES.name())) {
        if (replies.deserialize(Topics.REPLIES.name(), r) instanceof MaskedChunk m) {
          answered.put(m.getRequestId().toString(), m);
        }
      }
      MaskedChunk forTampered = answered.get(tampered.getRequestId().toString());
      MaskedChunk forForeign = answered.get(foreign.getRequestId().toString());
      assertThat(forTampered).isNotNull();
      assertThat(forForeign).isNotNull();
      assertThat(forTampered.getError().toString()).startsWith("withheld: raw chunk failed authentication");
      assertThat(forForeign.getError().toString()).startsWith("withheld: raw chunk encrypted with unknown data key "
          + foreign.getEncryption().getKeyId());
      assertThat(forTampered.getPayload().remaining()).isZero();
      assertThat(forForeign.getPayload().remaining()).isZero();
    });
    for (byte[] r : TopicContents.readAll(witness.endpoints().kafka(), Topics.REPLIES.name())) {
      assertThat(new String(r, StandardCharsets.ISO_8859_1)).doesNotContain(c.email());
    }
  }

  /** A raw chunk of a request no proxy waits for, answered on a reply partition no proxy reads. */
  private static ResponseChunk rawChunk(String requestId, String json) {
    return ResponseChunk.newBuilder()
        .setHeader(EventHeader.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setSessionId("raw-it-" + requestId)
            .setSequence(1)
            .setTimestamp(Instant.now().truncatedTo(ChronoUnit.MICROS))
            .setAgent(AgentIdentity.newBuilder().setId("demo-agent").build())
            .setResource("http:demo")
            .setProtocol(Protocol.HTTP)
            .build())
        .setRequestId(requestId)
        .setReplyPartition(witness.config().kafka().replyPartitions() - 1)
        .setChunkIndex(0)
        .setLast(true)
        .setContentType("application/json")
        .setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static void assertNoCustomerDataIn(List<byte[]> records, String topic) {
    for (byte[] record : records) {
      String text = new String(record, StandardCharsets.ISO_8859_1);
      for (Customer c : CUSTOMERS) {
        for (String value : List.of(c.email(), c.phone(), c.cardNumber(), c.iban(), c.ssn())) {
          assertThat(text).as(topic).doesNotContain(value);
        }
        if (topic.equals(Topics.RESPONSES_RAW.name())) {
          // Masking leaves names and cities alone; on the raw topic even they are encrypted.
          assertThat(text).as(topic).doesNotContain(c.fullName()).doesNotContain(c.email().split("@")[0]);
        }
      }
    }
  }

  private static List<ResponseChunk> decode(List<byte[]> records) {
    RestSchemaRegistryClient registry = new RestSchemaRegistryClient(witness.endpoints().schemaRegistry(),
        Duration.ofSeconds(10));
    var deserializer = AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW).deserializer();
    return records.stream().map(r -> deserializer.deserialize(Topics.RESPONSES_RAW.name(), r)).toList();
  }

  private static HttpResponse<String> agent(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(witness.httpProxyUrl() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + witness.credentials().agentToken())
        .header("X-Witness-Session", UUID.randomUUID().toString())
        .header("X-Witness-Purpose", "raw-encryption-check")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String psql(String sql) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("psql",
        "host=" + witness.endpoints().postgresHost() + " port=" + witness.endpoints().postgresPort()
            + " user=demo-agent dbname=demo sslmode=require application_name=witness:purpose=raw-encryption",
        "-X", "-A", "-t", "-c", sql)
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", witness.credentials().agentToken());
    Process psql = builder.start();
    psql.getOutputStream().close();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(psql.exitValue()).as(output).isZero();
    return output;
  }
}
