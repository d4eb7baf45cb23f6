package dev.witness.schemas.envelope;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One AES-256 data key of a {@link DataKeyRing}; its text form never shows the key material. */
public final class DataKey {

  /** Length of the key material: AES-256. */
  public static final int KEY_BYTES = 32;

  /** What a key id may be: it travels in every encrypted chunk and in logs. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String id;
  private final byte[] material;
  private final Instant createdAt;
  private final Instant deactivatedAt;

  public DataKey(String id, byte[] material, Instant createdAt) {
    this(id, material, createdAt, null);
  }

  /** A key that stopped being the active one at {@code deactivatedAt} ({@code null}: never replaced, or not known). */
  public DataKey(String id, byte[] material, Instant createdAt, Instant deactivatedAt) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("data key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (material == null || material.length != KEY_BYTES) {
      throw new IllegalArgumentException("data key " + id + " is not " + KEY_BYTES + " bytes (AES-256)");
    }
    this.id = id;
    this.material = material.clone();
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.deactivatedAt = deactivatedAt;
  }

  public String id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /**
   * When another key became active in this key's place: the last moment a chunk can have been
   * encrypted with it. Empty while it is active, and for rings written before this was recorded.
   */
  public Optional<Instant> deactivatedAt() {
    return Optional.ofNullable(deactivatedAt);
  }

  /** This key, replaced as the active key at {@code at}. */
  DataKey deactivated(Instant at) {
    return new DataKey(id, material, createdAt, Objects.requireNonNull(at, "at"));
  }

  /** The key for {@link javax.crypto.Cipher}. */
  SecretKey secretKey() {
    return new SecretKeySpec(material, "AES");
  }

  /** A copy of the key material (only for writing the key ring file). */
  byte[] material() {
    return material.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataKey k && k.id.equals(id) && Arrays.equals(k.material, material)
        && k.createdAt.equals(createdAt) && Objects.equals(k.deactivatedAt, deactivatedAt);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "DataKey[id=" + id + ", createdAt=" + createdAt
        + (deactivatedAt == null ? "" : ", deactivatedAt=" + deactivatedAt) + "]";
  }
}
