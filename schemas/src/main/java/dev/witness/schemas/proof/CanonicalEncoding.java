package dev.witness.schemas.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bytes of an event that the ledger hashes: the UTF-8 full name of its schema, a 0 byte, then
 * its Avro binary encoding with that schema. The name keeps two event types with equal binary
 * bodies apart; no registry id is involved, so a verifier needs only the schema.
 *
 * <p>The encoding is canonical for one event object, not across decodings: Avro writes map
 * entries (e.g. HTTP headers) in the map's iteration order, and an old event decoded with a newer
 * schema encodes with the newer one. The ledger writes each entry's event from the same object it
 * hashed, so a verifier must hash the event's Avro bytes as recorded in the ledger, with
 * {@link #of(String, byte[])}, rather than decode and re-encode them.
 */
public final class CanonicalEncoding {

  private static final Map<Schema, SpecificDatumWriter<SpecificRecord>> WRITERS = new ConcurrentHashMap<>();

  private CanonicalEncoding() {}

  /** The canonical bytes of {@code event}. */
  public static byte[] encode(SpecificRecord event) {
    Schema schema = event.getSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.writeBytes(schema.getFullName().getBytes(StandardCharsets.UTF_8));
    out.write(0);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      WRITERS.computeIfAbsent(schema, SpecificDatumWriter::new).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode " + schema.getFullName(), e);
    }
    return out.toByteArray();
  }

  /** The canonical bytes of an event of schema {@code schemaFullName} whose Avro binary encoding is {@code avroBinary}. */
  public static byte[] of(String schemaFullName, byte[] avroBinary) {
    byte[] name = schemaFullName.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[name.length + 1 + avroBinary.length];
    System.arraycopy(name, 0, bytes, 0, name.length);
    System.arraycopy(avroBinary, 0, bytes, name.length + 1, avroBinary.length);
    return bytes;
  }
}
