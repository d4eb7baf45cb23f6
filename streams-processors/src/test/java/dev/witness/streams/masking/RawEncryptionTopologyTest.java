package dev.witness.streams.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.envelope.ChunkEnvelope;
import dev.witness.schemas.envelope.DataKey;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.DataKeyRingFile;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The masking topology with {@code masking.rawEncryption} on: decrypt, mask, or withhold. */
class RawEncryptionTopologyTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:30:00Z"), ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EMAIL = "ada.lovelace@example.com";

  @TempDir Path stateDir;
  @TempDir Path keyDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private Path ringFile;
  private DataKeyRing ring;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ResponseChunk> raw;
  private TestOutputTopic<String, SpecificRecord> replies;

  private void start(boolean acceptPlaintext) throws Exception {
    ringFile = keyDir.resolve("raw-data-keys.json");
    ring = DataKeyRingFile.loadOrCreate(ringFile, CLOCK, RANDOM);
    MaskingConfig config = MaskingConfig.defaults()
        .withRawEncryption(new RawEncryptionConfig(true, ringFile.toString(), acceptPlaintext));
    driver = new TopologyTestDriver(MaskingTopology.build(registry, config, CLOCK), TestDrivers.props("masking", stateDir));
    raw = TestDrivers.input(driver, registry, Topics.RESPONSES_RAW);
    replies = TestDrivers.output(driver, registry, Topics.REPLIES);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private static ResponseChunk chunk(String session, int index, boolean last, String json) {
    RequestIntercepted request = TestEvents.http(session, 1, "GET", "/customers", 0);
    return TestEvents.chunk(request, 2 + index, index, last, json);
  }

  private ResponseChunk sealed(ResponseChunk chunk) {
    return ChunkEnvelope.seal(chunk, ring.active(), RANDOM);
  }

  private MaskedChunk next() {
    return (MaskedChunk) replies.readValue();
  }

  @Test
  void anEncryptedChunkIsDecryptedAndMasked() throws Exception {
    start(false);

    raw.pipeInput("s-1", sealed(chunk("s-1", 0, true, "{\"id\":7,\"email\":\"" + EMAIL + "\"}")));
    MaskedChunk masked = next();

    assertThat(masked.getError()).isNull();
    assertThat(TestEvents.text(masked.getPayload())).isEqualTo("{\"id\":7,\"email\":\"[EMAIL]\"}");
    assertThat(masked.getMaskings()).extracting(m -> m.getDetector().toString()).contains("email");
    assertThat(refusedTotal()).isZero();
  }

  @Test
  void aJsonBodyEncryptedChunkByChunkIsHeldAndMaskedWhole() throws Exception {
    start(false);
    String body = "{\"id\":7,\"email\":\"" + EMAIL + "\"}";

    raw.pipeInput("s-2", sealed(chunk("s-2", 0, false, body.substring(0, 26))));
    raw.pipeInput("s-2", sealed(chunk("s-2", 1, true, body.substring(26))));
    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    String changelog = driver.producedTopicNames().stream().filter(t -> t.contains(MaskingProcessor.JSON_STORE))
        .findFirst().orElseThrow();
    List<byte[]> held = driver.createOutputTopic(changelog, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer()).readValuesToList();

    assertThat(held).as("the held body reached the changelog").isNotEmpty();
    assertThat(held).allSatisfy(v -> assertThat(v == null ? "" : new String(v, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("ada.love"));

    assertThat(masked).extracting(MaskedChunk::getError).containsOnlyNulls();
    assertThat(TestEvents.text(masked.get(0).getPayload()) + TestEvents.text(masked.get(1).getPayload()))
        .isEqualTo("{\"id\":7,\"email\":\"[EMAIL]\"}");
  }

  @Test
  void aTamperedChunkOrOneMovedToAnotherRequestIsWithheldAndCounted() throws Exception {
    start(false);
    ResponseChunk sealed = sealed(chunk("s-3", 0, true, "{\"email\":\"" + EMAIL + "\"}"));
    byte[] flipped = TestEvents.bytes(sealed.getPayload());
    flipped[3] ^= 0x01;

    raw.pipeInput("s-3", ResponseChunk.newBuilder(sealed).setPayload(ByteBuffer.wrap(flipped)).build());
    raw.pipeInput("s-3", ResponseChunk.newBuilder(sealed).setRequestId("another-request").build());
    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();

    assertThat(masked).hasSize(2).allSatisfy(m -> {
      assertThat(m.getPayload().remaining()).isZero();
      assertThat(m.getMaskings()).isEmpty();
      assertThat(m.getError()).startsWith("withheld: raw chunk failed authentication").contains(ring.active().id());
      assertThat(m.getLast()).isTrue();
    });
    assertThat(masked.get(1).getRequestId()).isEqualTo("another-request");
    assertThat(refusedTotal()).isEqualTo(2.0);
  }

  @Test
  void aChunkOfAnUnknownOrRetiredKeyIsWithheld() throws Exception {
    start(false);
    DataKey stranger = DataKeyRingFile.newKey(CLOCK, RANDOM);

    raw.pipeInput("s-4", ChunkEnvelope.seal(chunk("s-4", 0, true, "{\"email\":\"" + EMAIL + "\"}"), stranger, RANDOM));
    MaskedChunk masked = next();

    assertThat(masked.getPayload().remaining()).isZero();
    assertThat(masked.getError()).startsWith("withheld: raw chunk encrypted with unknown data key " + stranger.id())
        .contains("masking.rawEncryption.keyRingFile");
    assertThat(refusedTotal()).isEqualTo(1.0);
  }

  @Test
  void aPlaintextChunkIsWithheldUnlessPlaintextIsAcceptedWhileMigrating() throws Exception {
    start(false);
    raw.pipeInput("s-5", chunk("s-5", 0, true, "{\"email\":\"" + EMAIL + "\"}"));
    MaskedChunk strict = next();
    assertThat(strict.getPayload().remaining()).isZero();
    assertThat(strict.getError()).contains("arrived unencrypted while masking.rawEncryption is enabled");
    driver.close();

    start(true);
    raw.pipeInput("s-6", chunk("s-6", 0, true, "{\"email\":\"" + EMAIL + "\"}"));
    MaskedChunk migrating = next();
    assertThat(migrating.getError()).isNull();
    assertThat(TestEvents.text(migrating.getPayload())).isEqualTo("{\"email\":\"[EMAIL]\"}");
  }

  @Test
  void aKeyRotatedInWhileRunningDecryptsAndTheOldKeyStillDoes() throws Exception {
    start(false);
    ResponseChunk beforeRotation = sealed(chunk("s-7", 0, true, "{\"email\":\"" + EMAIL + "\"}"));

    DataKeyRingFile.rotate(ringFile, true, CLOCK, RANDOM);
    Files.setLastModifiedTime(ringFile, FileTime.from(Instant.now().plusSeconds(5)));
    ring = DataKeyRingFile.read(ringFile);
    raw.pipeInput("s-8", sealed(chunk("s-8", 0, true, "{\"email\":\"" + EMAIL + "\"}")));
    raw.pipeInput("s-7", beforeRotation);
    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();

    assertThat(masked).extracting(MaskedChunk::getError).containsOnlyNulls();
    assertThat(masked).extracting(m -> TestEvents.text(m.getPayload())).containsOnly("{\"email\":\"[EMAIL]\"}");
  }

  private double refusedTotal() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(MaskingProcessor.REFUSED_OPERATION + "-total")
            && e.getKey().group().equals("stream-" + MaskingProcessor.METRICS_SCOPE + "-metrics"))
        .map(e -> (Metric) e.getValue())
        .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
        .sum();
  }
}
