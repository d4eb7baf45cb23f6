package dev.witness.streams.checkpoint;

import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.Sha256;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Carries a {@link PartitionRoot} through the repartition topic and the roots store as a version
 * byte (1) and its {@link PartitionRoot#leafBytes() leaf bytes}; fixed width, no registry needed.
 */
final class PartitionRootSerde implements Serde<PartitionRoot> {

  private static final byte VERSION = 1;
  private static final int SIZE = 1 + PartitionRoot.LEAF_BYTES;

  @Override
  public Serializer<PartitionRoot> serializer() {
    return (topic, root) -> root == null ? null : ByteBuffer.allocate(SIZE).put(VERSION).put(root.leafBytes()).array();
  }

  @Override
  public Deserializer<PartitionRoot> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length != SIZE || data[0] != VERSION) {
        throw new SerializationException("Not a partition root (version " + VERSION + ", " + SIZE + " bytes): "
            + data.length + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(data, 1, SIZE - 1);
      int partition = buffer.getInt();
      long size = buffer.getLong();
      byte[] lastEntryHash = new byte[Sha256.SIZE];
      buffer.get(lastEntryHash);
      byte[] root = new byte[Sha256.SIZE];
      buffer.get(root);
      try {
        return new PartitionRoot(partition, size, lastEntryHash, root);
      } catch (IllegalArgumentException e) {
        throw new SerializationException("Not a partition root: " + e.getMessage(), e);
      }
    };
  }
}
