package dev.witness.schemas.envelope;

import dev.witness.schemas.envelope.EnvelopeException.Reason;
import dev.witness.schemas.event.PayloadEncryption;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Envelope encryption of a raw chunk's payload: AES-256-GCM with a random 96-bit IV and a 128-bit tag,
 * the chunk's identity as additional authenticated data ({@link ChunkAad}). The proxy seals, the
 * masking topology opens; nothing else in the chunk is encrypted.
 */
public final class ChunkEnvelope {

  /** GCM's recommended IV length. */
  public static final int IV_BYTES = 12;
  /** Full-length authentication tag. */
  public static final int TAG_BITS = 128;

  private ChunkEnvelope() {}

  /** A copy of {@code chunk} whose payload is encrypted with {@code key}, naming it and the IV. */
  public static ResponseChunk seal(ResponseChunk chunk, DataKey key, SecureRandom random) {
    if (chunk.getEncryption() != null) {
      throw new IllegalArgumentException("chunk " + chunk.getChunkIndex() + " of request " + chunk.getRequestId()
          + " is encrypted already");
    }
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed = SealedBytes.AesGcm.encrypt(key, iv, ChunkAad.of(chunk, key.id()), bytes(chunk.getPayload()));
    return ResponseChunk.newBuilder(chunk)
        .setPayload(ByteBuffer.wrap(sealed))
        .setEncryption(PayloadEncryption.newBuilder().setKeyId(key.id()).setIv(ByteBuffer.wrap(iv)).build())
        .build();
  }

  /**
   * A copy of {@code chunk} with its payload decrypted by the ring's key of its key id; throws when
   * the key is unknown or the payload, IV or bound identity was changed.
   */
  public static ResponseChunk open(ResponseChunk chunk, DataKeyRing ring) throws EnvelopeException {
    PayloadEncryption encryption = chunk.getEncryption();
    if (encryption == null) {
      throw new EnvelopeException(Reason.MALFORMED, "chunk is not encrypted");
    }
    String keyId = encryption.getKeyId();
    Optional<DataKey> key = ring.find(keyId);
    if (key.isEmpty()) {
      throw new EnvelopeException(Reason.UNKNOWN_KEY, "unknown data key " + keyId);
    }
    byte[] iv = bytes(encryption.getIv());
    if (iv.length != IV_BYTES) {
      throw new EnvelopeException(Reason.MALFORMED, "IV of " + iv.length + " bytes, not " + IV_BYTES);
    }
    byte[] plain = SealedBytes.AesGcm.decrypt(key.get(), iv, ChunkAad.of(chunk, keyId), bytes(chunk.getPayload()));
    return ResponseChunk.newBuilder(chunk).setPayload(ByteBuffer.wrap(plain)).setEncryption(null).build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
