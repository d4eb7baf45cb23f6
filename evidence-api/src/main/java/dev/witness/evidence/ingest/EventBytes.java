package dev.witness.evidence.ingest;

import dev.witness.schemas.serde.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Cuts the event out of a framed {@code LedgerEntry} value exactly as it was written, so the
 * store keeps the bytes the ledger hashed rather than a re-encoding by this build's schema.
 */
final class EventBytes {

  static final String EVENT_FIELD = "event";

  private EventBytes() {}

  /**
   * An event as written inside a ledger value.
   *
   * @param schemaFullName full name of the event's writer schema, e.g. {@code dev.witness.schemas.event.Verdict}
   * @param avro the Avro binary encoding of the event under that schema
   */
  record Slice(String schemaFullName, byte[] avro) {}

  /**
   * The {@code event} union branch inside {@code framed}.
   *
   * @param framed a Confluent wire-format value of a {@code LedgerEntry}
   * @param writer the writer schema named by its schema id
   */
  static Slice slice(byte[] framed, Schema writer) {
    ByteArrayInputStream in = new ByteArrayInputStream(framed, WireFormat.HEADER_SIZE,
        framed.length - WireFormat.HEADER_SIZE);
    // The direct decoder does not read ahead, so the stream position is the decoder position.
    Decoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
    try {
      for (Schema.Field field : writer.getFields()) {
        if (!field.name().equals(EVENT_FIELD)) {
          GenericDatumReader.skip(field.schema(), decoder);
          continue;
        }
        Schema branch = field.schema().getTypes().get(decoder.readIndex());
        int start = framed.length - in.available();
        GenericDatumReader.skip(branch, decoder);
        return new Slice(branch.getFullName(), Arrays.copyOfRange(framed, start, framed.length - in.available()));
      }
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot locate the event in a " + writer.getFullName() + " value", e);
    }
    throw new SerializationException("Writer schema " + writer.getFullName() + " has no field '" + EVENT_FIELD + "'");
  }
}
