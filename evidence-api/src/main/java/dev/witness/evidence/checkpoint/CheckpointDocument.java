package dev.witness.evidence.checkpoint;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.witness.evidence.document.Formats;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.PartitionHead;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed checkpoint as the API serves it and bundles carry it: every signed field, hashes and
 * signature in hex, {@code createdAt} with microseconds, so {@link #toCheckpoint()} gives back the
 * exact record whose signature verifies.
 */
@JsonPropertyOrder({"checkpointId", "createdAt", "treeSize", "rootHash", "keyId", "signature", "heads"})
public record CheckpointDocument(String checkpointId, String createdAt, long treeSize, String rootHash, String keyId,
    String signature, List<Head> heads) {

  /** What the checkpoint states about one ledger partition. */
  @JsonPropertyOrder({"partition", "entrySequence", "hash", "root"})
  public record Head(int partition, long entrySequence, String hash, String root) {}

  /** The document of a checkpoint record. */
  public static CheckpointDocument of(Checkpoint c) {
    return new CheckpointDocument(c.getCheckpointId(), Formats.timestamp(c.getCreatedAt()), c.getTreeSize(),
        Formats.hex(c.getRootHash()), c.getKeyId(), Formats.hex(c.getSignature()),
        c.getHeads().stream().map(h -> new Head(h.getPartition(), h.getEntrySequence(), Formats.hex(h.getHash()),
            h.getRoot() == null ? null : Formats.hex(h.getRoot()))).toList());
  }

  /**
   * The checkpoint record this document states.
   *
   * @throws IllegalArgumentException on a malformed field, naming it
   */
  public Checkpoint toCheckpoint() {
    if (heads == null) {
      throw new IllegalArgumentException("checkpoint " + checkpointId + ": heads missing");
    }
    Instant created;
    try {
      created = Instant.parse(createdAt);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("checkpoint " + checkpointId + ": createdAt is not an ISO-8601 instant");
    }
    return Checkpoint.newBuilder()
        .setCheckpointId(checkpointId)
        .setCreatedAt(created)
        .setTreeSize(treeSize)
        .setRootHash(hex("rootHash", rootHash))
        .setKeyId(keyId)
        .setSignature(hex("signature", signature))
        .setHeads(heads.stream().map(h -> PartitionHead.newBuilder()
            .setPartition(h.partition())
            .setEntrySequence(h.entrySequence())
            .setHash(hex("heads.hash", h.hash()))
            .setRoot(h.root() == null ? null : hex("heads.root", h.root()))
            .build()).toList())
        .build();
  }

  private ByteBuffer hex(String field, String value) {
    try {
      return ByteBuffer.wrap(HexFormat.of().parseHex(value));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("checkpoint " + checkpointId + ": " + field + " is not hex");
    }
  }
}
