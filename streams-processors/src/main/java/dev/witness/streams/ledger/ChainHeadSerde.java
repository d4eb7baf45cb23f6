package dev.witness.streams.ledger;

import dev.witness.streams.digest.Sha256;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a {@link ChainHead} in the state store and its changelog as a version byte (1), the next
 * sequence (int64) and the last hash (32 bytes); fixed width, no registry needed to restore.
 */
final class ChainHeadSerde implements Serde<ChainHead> {

  private static final byte VERSION = 1;
  private static final int SIZE = 1 + Long.BYTES + Sha256.SIZE;

  @Override
  public Serializer<ChainHead> serializer() {
    return (topic, head) -> head == null ? null
        : ByteBuffer.allocate(SIZE).put(VERSION).putLong(head.nextSequence()).put(head.lastHash()).array();
  }

  @Override
  public Deserializer<ChainHead> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length != SIZE || data[0] != VERSION) {
        throw new SerializationException("Not a chain head (version " + VERSION + ", " + SIZE + " bytes): "
            + data.length + " bytes" + (data.length > 0 ? ", version " + data[0] : ""));
      }
      ByteBuffer buffer = ByteBuffer.wrap(data, 1, SIZE - 1);
      long nextSequence = buffer.getLong();
      byte[] hash = new byte[Sha256.SIZE];
      buffer.get(hash);
      return new ChainHead(nextSequence, hash);
    };
  }
}
