package dev.witness.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.envelope.EnvelopeException.Reason;
import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.PayloadEncryption;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChunkEnvelopeTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PII = "{\"email\":\"ada@example.com\"}";

  private final DataKey key = DataKeyRingFile.newKey(CLOCK, RANDOM);
  private final DataKeyRing ring = DataKeyRing.of(List.of(key), key.id());

  static ResponseChunk plain(String payload) {
    ResponseChunk chunk = EventExamples.sqlResponseChunk();
    chunk.setEncryption(null);
    chunk.setError(null);
    chunk.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
    return chunk;
  }

  @Test
  void sealedChunkHidesThePayloadNamesKeyAndIvAndOpensToTheOriginal() throws Exception {
    ResponseChunk chunk = plain(PII);

    ResponseChunk sealed = ChunkEnvelope.seal(chunk, key, RANDOM);

    assertThat(new String(bytes(sealed.getPayload()), StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.com");
    assertThat(sealed.getPayload().remaining()).isEqualTo(PII.length() + ChunkEnvelope.TAG_BITS / 8);
    assertThat(sealed.getEncryption().getKeyId()).isEqualTo(key.id());
    assertThat(sealed.getEncryption().getIv().remaining()).isEqualTo(ChunkEnvelope.IV_BYTES);
    assertThat(sealed.getRequestId()).isEqualTo(chunk.getRequestId());
    assertThat(chunk.getEncryption()).as("the original is not changed").isNull();
    ResponseChunk opened = ChunkEnvelope.open(sealed, ring);
    assertThat(opened).isEqualTo(chunk);
  }

  @Test
  void twoSealsOfOneChunkUseDifferentIvs() {
    ResponseChunk chunk = plain(PII);

    ResponseChunk a = ChunkEnvelope.seal(chunk, key, RANDOM);
    ResponseChunk b = ChunkEnvelope.seal(chunk, key, RANDOM);

    assertThat(a.getEncryption().getIv()).isNotEqualTo(b.getEncryption().getIv());
    assertThat(a.getPayload()).isNotEqualTo(b.getPayload());
  }

  @Test
  void aChunkMovedIntoAnotherRequestOrRelabelledDoesNotOpen() {
    ResponseChunk sealed = ChunkEnvelope.seal(plain(PII), key, RANDOM);
    List<UnaryOperator<ResponseChunk>> swaps = List.of(
        c -> with(c, b -> b.setRequestId("req-other")),
        c -> with(c, b -> b.setChunkIndex(c.getChunkIndex() + 1)),
        c -> with(c, b -> b.setLast(!c.getLast())),
        c -> with(c, b -> b.getHeaderBuilder().setSessionId("another-session")),
        c -> with(c, b -> b.getHeaderBuilder().setResource("postgres:other")),
        c -> with(c, b -> b.getHeaderBuilder().setPurpose("other-purpose")),
        c -> with(c, b -> b.setContentType("application/octet-stream")),
        c -> with(c, b -> b.setMaskPlan("none")),
        c -> with(c, b -> b.setHead(SqlResultHead.newBuilder()
            .setColumns(List.of(SqlColumn.newBuilder().setName("city").setTypeOid(25).build())).build())));
    for (UnaryOperator<ResponseChunk> swap : swaps) {
      assertThatThrownBy(() -> ChunkEnvelope.open(swap.apply(sealed), ring))
          .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
    }
  }

  @Test
  void unknownKeyIdAnotherKeyOfTheSameIdAndBadIvAreRefusedWithoutKeyMaterial() {
    ResponseChunk sealed = ChunkEnvelope.seal(plain(PII), key, RANDOM);
    DataKey other = DataKeyRingFile.newKey(CLOCK, RANDOM);
    DataKey impostor = new DataKey(key.id(), DataKeyRingFile.newKey(CLOCK, RANDOM).material(), CLOCK.instant());

    assertThatThrownBy(() -> ChunkEnvelope.open(sealed, DataKeyRing.of(List.of(other), other.id())))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY))
        .hasMessage("unknown data key " + key.id());
    assertThatThrownBy(() -> ChunkEnvelope.open(sealed, DataKeyRing.of(List.of(impostor), impostor.id())))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
    ResponseChunk shortIv = with(sealed, b -> b.setEncryption(PayloadEncryption.newBuilder()
        .setKeyId(key.id()).setIv(ByteBuffer.wrap(new byte[8])).build()));
    assertThatThrownBy(() -> ChunkEnvelope.open(shortIv, ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    assertThatThrownBy(() -> ChunkEnvelope.open(plain(PII), ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void anEmptyPayloadIsSealedToo() throws Exception {
    ResponseChunk sealed = ChunkEnvelope.seal(plain(""), key, RANDOM);

    assertThat(sealed.getPayload().remaining()).isEqualTo(16);
    assertThat(ChunkEnvelope.open(sealed, ring).getPayload().remaining()).isZero();
  }

  @Test
  void aSealedChunkIsNotSealedAgain() {
    ResponseChunk sealed = ChunkEnvelope.seal(plain(PII), key, RANDOM);

    assertThatThrownBy(() -> ChunkEnvelope.seal(sealed, key, RANDOM)).hasMessageContaining("encrypted already");
  }

  @Test
  void keysAndRingsNeverPrintTheirMaterial() {
    String material = java.util.Base64.getEncoder().encodeToString(key.material());

    assertThat(key.toString()).contains(key.id()).doesNotContain(material);
    assertThat(ring.toString()).contains(key.id()).doesNotContain(material);
  }

  static ResponseChunk with(ResponseChunk chunk, java.util.function.Consumer<ResponseChunk.Builder> change) {
    ResponseChunk.Builder b = ResponseChunk.newBuilder(chunk);
    change.accept(b);
    return b.build();
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
