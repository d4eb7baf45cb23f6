package dev.witness.schemas.proof;

import dev.witness.schemas.event.Checkpoint;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes signed checkpoints. Everything but {@code createdAt} and the signature follows from the
 * partition roots alone, so the same ledger prefix always yields the same id, sizes and root.
 */
public final class CheckpointFactory {

  private CheckpointFactory() {}

  /**
   * The checkpoint over {@code partitions}, signed by {@code signer}.
   *
   * @param partitions one root per covered partition, in strictly ascending partition order
   * @param createdAt when it is made (kept to microseconds)
   * @throws IllegalArgumentException if {@code partitions} are empty or out of order
   */
  public static Checkpoint create(List<PartitionRoot> partitions, Instant createdAt, CheckpointSigner signer) {
    byte[] root = CheckpointTree.root(partitions);
    long treeSize = partitions.stream().mapToLong(PartitionRoot::size).sum();
    Checkpoint unsigned = Checkpoint.newBuilder()
        .setCheckpointId(checkpointId(treeSize, root))
        .setCreatedAt(createdAt.truncatedTo(ChronoUnit.MICROS))
        .setHeads(partitions.stream().map(PartitionRoot::toHead).toList())
        .setTreeSize(treeSize)
        .setRootHash(ByteBuffer.wrap(root))
        .setKeyId(signer.keyId())
        .setSignature(ByteBuffer.allocate(0))
        .build();
    return CheckpointSignature.sign(unsigned, signer);
  }

  /** The id of the checkpoint of {@code treeSize} entries with {@code rootHash}: {@code <treeSize>-<first 16 hex digits of the root>}. */
  public static String checkpointId(long treeSize, byte[] rootHash) {
    return treeSize + "-" + HexFormat.of().formatHex(rootHash, 0, 8);
  }
}
