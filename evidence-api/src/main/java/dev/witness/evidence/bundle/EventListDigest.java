package dev.witness.evidence.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a bundle's entries in file order: what the signed manifest says the bundle holds, so
 * deleting, adding, reordering or replacing an entry changes it. Each entry adds its partition
 * (4 bytes) and sequence (8 bytes, big-endian), the length of its UTF-8 event id (2 bytes) and the
 * id, and its 32-byte hash; binary, as the verifier adds every entry of a million on one thread.
 */
public final class EventListDigest {

  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256;
  private final ByteBuffer fixed = ByteBuffer.allocate(14);

  public EventListDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** Adds the next entry. */
  public void add(int partition, long sequence, String eventId, byte[] hash) {
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    fixed.clear();
    fixed.putInt(partition).putLong(sequence).putShort((short) Math.min(id.length, 0xffff));
    sha256.update(fixed.array(), 0, fixed.position());
    sha256.update(id);
    sha256.update(hash);
  }

  /** The digest of the entries added, lower-case hex; ends this digest. */
  public String hex() {
    return HEX.formatHex(sha256.digest());
  }
}
