package dev.witness.evidence.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The export key's Ed25519 signature over the exact bytes of {@code manifest.json} (filters,
 * creation time, checkpoint, coverage and the digest of the entries in order), kept in
 * {@code manifest.sig}. The signed message is a fixed context line followed by those bytes, so a
 * manifest signature can never pass for a checkpoint signature or the other way round.
 *
 * @param algorithm always {@code Ed25519}
 * @param keyId id of the export public key ({@link SigningKeys#keyId})
 * @param signature base64 of the signature
 */
public record ManifestSignature(String algorithm, String keyId, String signature) {

  private static final byte[] CONTEXT = "witness-export-manifest/1\n".getBytes(StandardCharsets.US_ASCII);

  /** Signs {@code manifest} (the file's bytes) with {@code key}. */
  public static ManifestSignature sign(byte[] manifest, SigningKey key) {
    return new ManifestSignature(SigningKeys.ALGORITHM, key.keyId(),
        Base64.getEncoder().encodeToString(key.sign(message(manifest))));
  }

  /** Whether a trusted key with this id made this signature over {@code manifest}. */
  public boolean verifies(byte[] manifest, TrustedKeys keys) {
    if (!SigningKeys.ALGORITHM.equals(algorithm) || signature == null) {
      return false;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return keys.verify(keyId, message(manifest), raw);
  }

  /** The canonical JSON text. */
  public String toJson() {
    return CanonicalJson.write(this);
  }

  /**
   * Reads a signature file.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static ManifestSignature parse(String text) {
    try {
      ManifestSignature s = CanonicalJson.mapper().readValue(text, ManifestSignature.class);
      if (s.keyId() == null || s.signature() == null) {
        throw new IllegalArgumentException("manifest signature lacks keyId or signature");
      }
      return s;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest signature is not readable: " + e.getOriginalMessage());
    }
  }

  private static byte[] message(byte[] manifest) {
    byte[] message = new byte[CONTEXT.length + manifest.length];
    System.arraycopy(CONTEXT, 0, message, 0, CONTEXT.length);
    System.arraycopy(manifest, 0, message, CONTEXT.length, manifest.length);
    return message;
  }
}
