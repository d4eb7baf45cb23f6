package dev.witness.streams.masking;

import dev.witness.schemas.event.SqlResultHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the masking topology's store of result heads: Avro single-object encoding, which
 * carries the schema fingerprint, so a changelog written by an older version is read or rejected,
 * never misread. Local state only: no registry round trip.
 */
final class SqlResultHeadSerde {

  private SqlResultHeadSerde() {}

  static Serde<SqlResultHead> create() {
    Serializer<SqlResultHead> serializer = (topic, head) -> {
      try {
        return head == null ? null : toArray(head.toByteBuffer());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Deserializer<SqlResultHead> deserializer = (topic, bytes) -> {
      try {
        return bytes == null ? null : SqlResultHead.fromByteBuffer(ByteBuffer.wrap(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
