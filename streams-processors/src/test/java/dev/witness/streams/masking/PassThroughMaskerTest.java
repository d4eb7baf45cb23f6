package dev.witness.streams.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.testing.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PassThroughMaskerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:01Z");
  private final PassThroughMasker masker = new PassThroughMasker(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void copiesEverythingButTheEventIdWhichItDerivesAndTheTime() {
    ResponseChunk chunk = TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", 3), 2, 4, true, "body");

    MaskedChunk masked = masker.mask(chunk);

    assertThat(masked.getReplyPartition()).isEqualTo(3);
    assertThat(masked.getChunkIndex()).isEqualTo(4);
    assertThat(TestEvents.text(masked.getPayload())).isEqualTo("body");
    assertThat(masked.getHeader().getEventId())
        .isEqualTo(DerivedEventId.of(DerivedEventId.Kind.MASKED_CHUNK, chunk.getHeader()))
        .isNotEqualTo(chunk.getHeader().getEventId());
    assertThat(masked.getHeader().getTimestamp()).isEqualTo(NOW);
    assertThat(masked.getHeader().getSequence()).isEqualTo(chunk.getHeader().getSequence());
    // The raw chunk's payload position is untouched: other readers see the whole body.
    assertThat(TestEvents.text(chunk.getPayload())).isEqualTo("body");
  }

  @Test
  void maskingARedeliveredChunkAgainGivesTheSameEventId() {
    ResponseChunk chunk = TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", 3), 2, 0, false, "body");
    PassThroughMasker afterCrash = new PassThroughMasker(Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));

    assertThat(afterCrash.mask(chunk).getHeader().getEventId()).isEqualTo(masker.mask(chunk).getHeader().getEventId());
    assertThat(masker.mask(TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", 3), 3, 1, true, "body"))
        .getHeader().getEventId()).isNotEqualTo(masker.mask(chunk).getHeader().getEventId());
  }

  @Test
  void neverPassesCiphertext() {
    ResponseChunk chunk = TestEvents.encrypted(TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", 0), 2, 0, true, "x"));

    MaskedChunk masked = masker.mask(chunk);

    assertThat(masked.getPayload().remaining()).isZero();
    assertThat(masked.getError()).isEqualTo(PassThroughMasker.ENCRYPTED_NOT_SUPPORTED);
  }
}
