package dev.witness.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.envelope.EnvelopeException.Reason;
import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.PayloadEncryption;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class ChunkEnvelopeProperties {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final DataKey key = DataKeyRingFile.newKey(Clock.systemUTC(), RANDOM);
  private final DataKeyRing ring = DataKeyRing.of(List.of(key), key.id());

  private static ResponseChunk chunk(byte[] payload, String session, String request, int index, boolean last) {
    ResponseChunk chunk = EventExamples.httpResponseChunk();
    chunk.setEncryption(null);
    chunk.getHeader().setSessionId(session);
    chunk.setRequestId(request);
    chunk.setChunkIndex(index);
    chunk.setLast(last);
    chunk.setPayload(ByteBuffer.wrap(payload));
    return chunk;
  }

  @Property
  void anyChunkOpensToWhatWasSealed(@ForAll @Size(max = 2048) byte[] payload, @ForAll @StringLength(max = 40) String session,
      @ForAll @StringLength(max = 40) String request, @ForAll @IntRange(min = 0) int index, @ForAll boolean last)
      throws Exception {
    ResponseChunk chunk = chunk(payload, session, request, index, last);

    ResponseChunk opened = ChunkEnvelope.open(ChunkEnvelope.seal(chunk, key, RANDOM), ring);

    assertThat(ChunkEnvelopeTest.bytes(opened.getPayload())).isEqualTo(payload);
    assertThat(opened).isEqualTo(chunk);
  }

  @Property
  void anyFlippedBitOfPayloadOrIvIsRefused(@ForAll @Size(min = 1, max = 512) byte[] payload,
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit,
      @ForAll boolean inIv) {
    ResponseChunk sealed = ChunkEnvelope.seal(chunk(payload, "s", "r", 0, true), key, RANDOM);
    byte[] target = ChunkEnvelopeTest.bytes(inIv ? sealed.getEncryption().getIv() : sealed.getPayload());
    target[position % target.length] ^= (byte) (1 << bit);
    ResponseChunk tampered = ChunkEnvelopeTest.with(sealed, b -> {
      if (inIv) {
        b.setEncryption(PayloadEncryption.newBuilder().setKeyId(key.id()).setIv(ByteBuffer.wrap(target)).build());
      } else {
        b.setPayload(ByteBuffer.wrap(target));
      }
    });

    assertThatThrownBy(() -> ChunkEnvelope.open(tampered, ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
  }

  @Property
  void aChunkOpenedAsAnotherIdentityIsRefused(@ForAll @Size(max = 256) byte[] payload,
      @ForAll @StringLength(max = 20) String session, @ForAll @StringLength(max = 20) String otherSession,
      @ForAll @IntRange(min = 0, max = 1000) int index, @ForAll @IntRange(min = 0, max = 1000) int otherIndex,
      @ForAll @StringLength(max = 20) String request, @ForAll @StringLength(max = 20) String otherRequest) {
    Assume.that(!session.equals(otherSession) || index != otherIndex || !request.equals(otherRequest));
    ResponseChunk sealed = ChunkEnvelope.seal(chunk(payload, session, request, index, false), key, RANDOM);
    ResponseChunk moved = ChunkEnvelopeTest.with(sealed, b -> {
      b.getHeaderBuilder().setSessionId(otherSession);
      b.setRequestId(otherRequest).setChunkIndex(otherIndex);
    });

    assertThatThrownBy(() -> ChunkEnvelope.open(moved, ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
  }

  @Property(tries = 50)
  void aKeyIdNotInTheRingIsRefused(@ForAll @Size(max = 64) byte[] payload) {
    DataKey retired = DataKeyRingFile.newKey(Clock.systemUTC(), RANDOM);
    ResponseChunk sealed = ChunkEnvelope.seal(chunk(payload, "s", "r", 1, false), retired, RANDOM);

    assertThatThrownBy(() -> ChunkEnvelope.open(sealed, ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }
}
