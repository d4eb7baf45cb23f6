package dev.witness.evidence.checkpoint;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.witness.schemas.proof.InclusionProof;
import java.util.HexFormat;
import java.util.List;

/**
 * The inclusion proof of one ledger entry in one checkpoint, hashes in hex: the audit path from
 * the entry's hash to its partition's root, then from the partition's leaf to the checkpoint's
 * root ({@link InclusionProof}). With the checkpoint's signed root it proves the entry was in the
 * ledger when the checkpoint was signed.
 */
@JsonPropertyOrder({"eventId", "partition", "entrySequence", "entryHash", "checkpointId", "partitionSize",
    "partitionLastEntryHash", "partitionPath", "partitionIndex", "partitionCount", "checkpointPath"})
public record ProofDocument(String eventId, int partition, long entrySequence, String entryHash, String checkpointId,
    long partitionSize, String partitionLastEntryHash, List<String> partitionPath, int partitionIndex,
    int partitionCount, List<String> checkpointPath) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The document of {@code proof} for the entry with {@code entryHash} (null to leave it out) in
   * checkpoint {@code checkpointId}.
   */
  public static ProofDocument of(String eventId, byte[] entryHash, String checkpointId, InclusionProof proof) {
    return new ProofDocument(eventId, proof.partition(), proof.entrySequence(),
        entryHash == null ? null : HEX.formatHex(entryHash), checkpointId,
        proof.partitionSize(), HEX.formatHex(proof.partitionLastEntryHash()),
        proof.partitionPath().stream().map(HEX::formatHex).toList(), proof.partitionIndex(), proof.partitionCount(),
        proof.checkpointPath().stream().map(HEX::formatHex).toList());
  }

  /**
   * The proof this document states.
   *
   * @throws IllegalArgumentException on a malformed field
   */
  public InclusionProof toInclusionProof() {
    if (partitionPath == null || checkpointPath == null || partitionLastEntryHash == null) {
      throw new IllegalArgumentException("proof of " + eventId + " lacks a path or the last entry hash");
    }
    return new InclusionProof(partition, entrySequence, partitionSize, HEX.parseHex(partitionLastEntryHash),
        partitionPath.stream().map(HEX::parseHex).toList(), partitionIndex, partitionCount,
        checkpointPath.stream().map(HEX::parseHex).toList());
  }
}
