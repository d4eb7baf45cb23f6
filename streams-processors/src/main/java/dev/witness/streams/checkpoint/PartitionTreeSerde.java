package dev.witness.streams.checkpoint;

import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.Sha256;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a {@link PartitionTree} as a version byte (1), the partition (int32), the reported size
 * (int64), the last entry hash (32 bytes) and the {@link MerkleFrontier#toBytes() frontier}: at
 * most about 2 KB however long the chain, no registry needed to restore.
 */
final class PartitionTreeSerde implements Serde<PartitionTree> {

  private static final byte VERSION = 1;
  private static final int HEADER = 1 + Integer.BYTES + Long.BYTES + Sha256.SIZE;

  @Override
  public Serializer<PartitionTree> serializer() {
    return (topic, tree) -> {
      if (tree == null) {
        return null;
      }
      byte[] frontier = tree.frontier().toBytes();
      return ByteBuffer.allocate(HEADER + frontier.length)
          .put(VERSION).putInt(tree.partition()).putLong(tree.reportedSize()).put(tree.lastHash()).put(frontier)
          .array();
    };
  }

  @Override
  public Deserializer<PartitionTree> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length < HEADER || data[0] != VERSION) {
        throw new SerializationException("Not a partition tree (version " + VERSION + "): " + data.length + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(data, 1, data.length - 1);
      int partition = buffer.getInt();
      long reported = buffer.getLong();
      byte[] lastHash = new byte[Sha256.SIZE];
      buffer.get(lastHash);
      byte[] frontier = new byte[buffer.remaining()];
      buffer.get(frontier);
      try {
        return new PartitionTree(partition, MerkleFrontier.fromBytes(frontier), lastHash, reported);
      } catch (IllegalArgumentException e) {
        throw new SerializationException("Not a partition tree: " + e.getMessage(), e);
      }
    };
  }
}
