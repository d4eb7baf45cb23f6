package dev.witness.evidence.chain;

import dev.witness.schemas.proof.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's link hash recomputed from stored columns:
 * {@code SHA-256(previousHash || UTF-8(eventSchema) || 0x00 || eventAvro)}, the canonical event
 * bytes being the schema's full name, a zero byte and the event's Avro binary.
 */
public final class EntryHash {

  private static final Map<String, byte[]> PREFIXES = new ConcurrentHashMap<>();

  private EntryHash() {}

  /** The hash an entry must carry. */
  public static byte[] of(byte[] previousHash, String eventSchema, byte[] eventAvro) {
    return Sha256.digest(previousHash, prefix(eventSchema), eventAvro);
  }

  /** The canonical bytes of an event, as hashed after the previous hash. */
  public static byte[] canonical(String eventSchema, byte[] eventAvro) {
    byte[] prefix = prefix(eventSchema);
    byte[] out = new byte[prefix.length + eventAvro.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(eventAvro, 0, out, prefix.length, eventAvro.length);
    return out;
  }

  /** Splits canonical bytes into schema name and Avro binary; throws if there is no zero byte. */
  public static Canonical split(byte[] canonical) {
    for (int i = 0; i < canonical.length; i++) {
      if (canonical[i] == 0) {
        byte[] avro = new byte[canonical.length - i - 1];
        System.arraycopy(canonical, i + 1, avro, 0, avro.length);
        return new Canonical(new String(canonical, 0, i, StandardCharsets.UTF_8), avro);
      }
    }
    throw new IllegalArgumentException("canonical event bytes have no 0 byte after the schema name");
  }

  /** An event's schema full name and Avro binary. */
  public record Canonical(String eventSchema, byte[] eventAvro) {}

  private static byte[] prefix(String eventSchema) {
    return PREFIXES.computeIfAbsent(eventSchema, s -> {
      byte[] name = s.getBytes(StandardCharsets.UTF_8);
      byte[] prefix = new byte[name.length + 1];
      System.arraycopy(name, 0, prefix, 0, name.length);
      return prefix;
    });
  }
}
