package dev.witness.evidence.support;

import dev.witness.schemas.event.LedgerEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a hash-chained ledger partition the way the ledger topology does (docs/events.md:
 * {@code hash = SHA-256(previousHash || canonical(event))}), for tests.
 */
public final class LedgerChain {

  private final int partition;
  private long next;
  private byte[] previousHash = new byte[32];

  public LedgerChain(int partition) {
    this.partition = partition;
  }

  /** The next entry of this partition carrying {@code event}. */
  public LedgerEntry append(SpecificRecord event, Instant recordedAt) {
    byte[] hash = sha256(previousHash, canonical(event));
    LedgerEntry entry = LedgerEntry.newBuilder()
        .setPartition(partition)
        .setEntrySequence(next++)
        .setPreviousHash(ByteBuffer.wrap(previousHash))
        .setHash(ByteBuffer.wrap(hash))
        .setRecordedAt(recordedAt)
        .setEvent(event)
        .build();
    previousHash = hash;
    return entry;
  }

  /** The canonical bytes of an event: its schema's full name in UTF-8, a 0 byte, its Avro binary. */
  public static byte[] canonical(SpecificRecord event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(event.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.writeBytes(avro(event));
    return out.toByteArray();
  }

  /** The Avro binary encoding of an event under its own schema. */
  public static byte[] avro(SpecificRecord event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] sha256(byte[] first, byte[] second) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(first);
      digest.update(second);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
