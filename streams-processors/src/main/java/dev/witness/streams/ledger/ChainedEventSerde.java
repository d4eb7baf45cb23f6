package dev.witness.streams.ledger;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a {@link ChainedEvent} as a version byte (1), the partition (int32), the entry sequence
 * (int64) and the recording time in epoch microseconds (int64, the ledger's precision); fixed
 * width, no registry needed to restore.
 */
final class ChainedEventSerde implements Serde<ChainedEvent> {

  private static final byte VERSION = 1;
  private static final int SIZE = 1 + Integer.BYTES + Long.BYTES + Long.BYTES;

  @Override
  public Serializer<ChainedEvent> serializer() {
    return (topic, chained) -> chained == null ? null
        : ByteBuffer.allocate(SIZE)
            .put(VERSION)
            .putInt(chained.partition())
            .putLong(chained.entrySequence())
            .putLong(micros(chained.recordedAt()))
            .array();
  }

  @Override
  public Deserializer<ChainedEvent> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length != SIZE || data[0] != VERSION) {
        throw new SerializationException("Not a chained event (version " + VERSION + ", " + SIZE + " bytes): "
            + data.length + " bytes" + (data.length > 0 ? ", version " + data[0] : ""));
      }
      ByteBuffer buffer = ByteBuffer.wrap(data, 1, SIZE - 1);
      return new ChainedEvent(buffer.getInt(), buffer.getLong(), Instant.EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS));
    };
  }

  /** Epoch microseconds of {@code instant}, truncated like the ledger's {@code timestamp-micros}. */
  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
