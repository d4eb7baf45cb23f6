package dev.witness.schemas.config;

/**
 * Envelope encryption of raw response chunks on {@code witness.responses.raw}
 * ({@code masking.rawEncryption}): the proxies encrypt each chunk's payload with the active data key
 * of a key ring file that only they and the masking topology read.
 *
 * @param enabled whether proxies encrypt and masking requires encrypted chunks; default: on when
 *     {@code keyRingFile} is set ({@code witness standalone} also turns it on with a key ring it makes
 *     in the data dir), off otherwise
 * @param keyRingFile the data key ring (JSON, owner-only permissions), the same file for every proxy and
 *     streams instance; standalone: {@code <data-dir>/raw-data-keys.json}, created on first start
 * @param acceptPlaintext whether masking still takes unencrypted chunks while enabled; only for the
 *     minutes of turning encryption on across running proxies (default false: such a chunk is withheld)
 */
public record RawEncryptionConfig(Boolean enabled, String keyRingFile, Boolean acceptPlaintext) {

  /** Name of the key ring {@code witness standalone} creates in its data dir. */
  public static final String STANDALONE_KEY_RING_FILE = "raw-data-keys.json";

  public RawEncryptionConfig {
    acceptPlaintext = acceptPlaintext != null && acceptPlaintext;
  }

  public static RawEncryptionConfig defaults() {
    return new RawEncryptionConfig(null, null, null);
  }

  /** Whether raw chunks are encrypted: explicitly enabled, or a key ring is configured and not disabled. */
  public boolean active() {
    return enabled != null ? enabled : keyRingFile != null;
  }

  /** Whether the user left {@code enabled} unset (standalone then turns encryption on). */
  public boolean unset() {
    return enabled == null && keyRingFile == null;
  }

  /** A copy encrypting with the key ring in {@code file}. */
  public RawEncryptionConfig withKeyRingFile(String file) {
    return new RawEncryptionConfig(true, file, acceptPlaintext);
  }
}
