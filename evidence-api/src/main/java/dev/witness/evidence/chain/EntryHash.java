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

  private static final int MAX_CACHED = 64;
  private static final Map<String, byte[]> PREFIXES = new ConcurrentHashMap<>();

  private EntryHash() {}

  /** The hash an entry must carry. */
  public static byte[] of(byte[] previousHash, String eventSchema, byte[] eventAvro) {
    return Sha256.digest(previousHash, prefix(eventSchema), eventAvro);
  }

  private static byte[] prefix(String eventSchema) {
    byte[] cached = PREFIXES.get(eventSchema);
    if (cached != null) {
      return cached;
    }
    byte[] name = eventSchema.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = new byte[name.length + 1];
    System.arraycopy(name, 0, prefix, 0, name.length);
    // a handful of event types; a tampered bundle must not grow the cache without bound
    if (PREFIXES.size() < MAX_CACHED) {
      PREFIXES.put(eventSchema, prefix);
    }
    return prefix;
  }
}
