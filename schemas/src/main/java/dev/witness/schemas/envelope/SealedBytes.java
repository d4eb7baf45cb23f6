package dev.witness.schemas.envelope;

import dev.witness.schemas.envelope.EnvelopeException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Self-describing AES-256-GCM sealed bytes for state that derives from raw payloads (e.g. a JSON body
 * held across chunks in a state store, whose changelog is a Kafka topic):
 * {@code 'W' 1 | key id length | key id | 96-bit IV | ciphertext and 128-bit tag}, with caller-chosen AAD.
 */
public final class SealedBytes {

  private static final byte MAGIC = 'W';
  private static final byte VERSION = 1;

  private SealedBytes() {}

  /** {@code plain} sealed with {@code key}, bound to {@code aad}. */
  public static byte[] seal(byte[] plain, byte[] aad, DataKey key, SecureRandom random) {
    byte[] iv = new byte[ChunkEnvelope.IV_BYTES];
    random.nextBytes(iv);
    byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = AesGcm.encrypt(key, iv, aad, plain);
    return ByteBuffer.allocate(3 + id.length + iv.length + sealed.length)
        .put(MAGIC).put(VERSION).put((byte) id.length).put(id).put(iv).put(sealed).array();
  }

  /** The bytes {@link #seal} sealed, with the ring's key of the id they name; throws when they do not open. */
  public static byte[] open(byte[] sealed, byte[] aad, DataKeyRing ring) throws EnvelopeException {
    if (sealed.length < 3 || sealed[0] != MAGIC || sealed[1] != VERSION
        || sealed.length < 3 + Byte.toUnsignedInt(sealed[2]) + ChunkEnvelope.IV_BYTES + ChunkEnvelope.TAG_BITS / 8) {
      throw new EnvelopeException(Reason.MALFORMED, "not sealed bytes of version " + VERSION);
    }
    int idLength = Byte.toUnsignedInt(sealed[2]);
    String keyId = new String(sealed, 3, idLength, StandardCharsets.US_ASCII);
    Optional<DataKey> key = ring.find(keyId);
    if (key.isEmpty()) {
      throw new EnvelopeException(Reason.UNKNOWN_KEY, "unknown data key " + keyId);
    }
    int ivAt = 3 + idLength;
    byte[] iv = Arrays.copyOfRange(sealed, ivAt, ivAt + ChunkEnvelope.IV_BYTES);
    byte[] body = Arrays.copyOfRange(sealed, ivAt + ChunkEnvelope.IV_BYTES, sealed.length);
    return AesGcm.decrypt(key.get(), iv, aad, body);
  }

  /** AES-256-GCM with a 128-bit tag, shared by the envelopes of this package. */
  static final class AesGcm {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    // Cipher.getInstance walks the security providers on every call (as costly as sealing a small
    // chunk); a Cipher is re-initialised with each key and IV, so one per thread serves every call.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {}

    private static Cipher newCipher() {
      try {
        return Cipher.getInstance(TRANSFORMATION);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
      }
    }

    static byte[] encrypt(DataKey key, byte[] iv, byte[] aad, byte[] plain) {
      try {
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(ChunkEnvelope.TAG_BITS, iv));
        cipher.updateAAD(aad);
        return cipher.doFinal(plain);
      } catch (GeneralSecurityException e) {
        // AES-GCM is in every JDK: this is a broken runtime, not bad input.
        throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
      }
    }

    static byte[] decrypt(DataKey key, byte[] iv, byte[] aad, byte[] sealed) throws EnvelopeException {
      try {
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(ChunkEnvelope.TAG_BITS, iv));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed);
      } catch (AEADBadTagException e) {
        throw new EnvelopeException(Reason.NOT_AUTHENTIC, "authentication failed with data key " + key.id());
      } catch (GeneralSecurityException e) {
        throw new EnvelopeException(Reason.MALFORMED, "cannot decrypt with data key " + key.id() + ": "
            + e.getClass().getSimpleName());
      }
    }
  }
}
