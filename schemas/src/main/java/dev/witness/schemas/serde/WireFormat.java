package dev.witness.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a big-endian int32, then the Avro
 * binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Reads the schema id from a framed value, rejecting anything not in the wire format. */
  public static int schemaId(byte[] framed) {
    if (framed == null || framed.length < HEADER_SIZE) {
      throw new SerializationException(
          "Value is not in the Confluent wire format: " + (framed == null ? "null" : framed.length + " bytes"));
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new SerializationException("Unknown magic byte " + framed[0] + "; expected 0 (Confluent wire format)");
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }
}
