package dev.witness.streams.ledger;

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
}
