package dev.witness.proxy.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.proxy.event.TestExchanges;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.envelope.ChunkEnvelope;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.DataKeyRingFile;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptingEventPublisherTest {

  private static final String PII = "ada@example.com,4111111111111111";

  @TempDir Path dir;

  @Test
  void chunksAreEncryptedWithTheActiveKeyAndRequestsPassUnchanged() throws Exception {
    Path file = dir.resolve("ring.json");
    DataKeyRing ring = DataKeyRingFile.loadOrCreate(file, Clock.systemUTC(), new SecureRandom());
    RecordingPublisher kafka = new RecordingPublisher();
    EventPublisher publisher = EncryptingEventPublisher.wrap(kafka,
        RawEncryptionConfig.defaults().withKeyRingFile(file.toString()));
    ResponseChunk chunk = TestExchanges.chunk("req-1", 0);
    chunk.setPayload(ByteBuffer.wrap(PII.getBytes(StandardCharsets.UTF_8)));

    publisher.publish(TestExchanges.request("req-1")).get();
    publisher.publish(chunk).get();

    assertThat(kafka.nextRequest().getRequestId()).isEqualTo("req-1");
    ResponseChunk published = kafka.nextChunk();
    assertThat(published.getEncryption().getKeyId()).isEqualTo(ring.active().id());
    assertThat(new String(published.getPayload().array(), StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.com");
    assertThat(ChunkEnvelope.open(published, ring)).isEqualTo(chunk);
  }

  @Test
  void withoutEncryptionTheKafkaPublisherIsUsedAsIs() {
    RecordingPublisher kafka = new RecordingPublisher();

    assertThat(EncryptingEventPublisher.wrap(kafka, RawEncryptionConfig.defaults())).isSameAs(kafka);
  }

  @Test
  void anUnreadableKeyRingFailsAtStartNamingTheField() {
    assertThatThrownBy(() -> EncryptingEventPublisher.wrap(new RecordingPublisher(),
        RawEncryptionConfig.defaults().withKeyRingFile(dir.resolve("absent.json").toString())))
        .hasMessageContaining("masking.rawEncryption.keyRingFile").hasMessageContaining("does not exist");
  }

  @Test
  void aChunkThatCannotBeSealedIsNotPublishedInClear() {
    RecordingPublisher kafka = new RecordingPublisher();
    EventPublisher publisher = new EncryptingEventPublisher(kafka, () -> {
      throw new IllegalStateException("no ring");
    }, new SecureRandom());

    assertThatThrownBy(() -> publisher.publish(TestExchanges.chunk("req-2", 0)).get())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("no ring");
    assertThat(kafka.isEmpty()).isTrue();
  }
}
