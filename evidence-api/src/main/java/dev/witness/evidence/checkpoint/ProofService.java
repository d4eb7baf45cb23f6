package dev.witness.evidence.checkpoint;

import dev.witness.evidence.checkpoint.ProofUnavailableException.Reason;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.InclusionProof;
import dev.witness.schemas.proof.PartitionRoot;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds inclusion proofs of stored ledger entries in stored checkpoints from the store's own
 * hashes, and checks each against the checkpoint's signed root before handing it out: a proof
 * that would not verify is refused, as it means the store and the signed ledger disagree.
 */
public final class ProofService {

  /** Selects the oldest checkpoint covering the event. */
  public static final String FIRST = "first";
  /** Selects the newest checkpoint. */
  public static final String LATEST = "latest";

  private final Jdbi jdbi;
  private final CheckpointStore checkpoints;

  public ProofService(Jdbi jdbi, CheckpointStore checkpoints) {
    this.jdbi = jdbi;
    this.checkpoints = checkpoints;
  }

  /** An entry's proof and the checkpoint it leads to. */
  public record Proof(ProofDocument proof, CheckpointDocument checkpoint) {}

  /**
   * The proof of event {@code eventId} in the checkpoint {@code selector} names: {@link #FIRST},
   * {@link #LATEST} or a checkpoint id.
   *
   * @throws ProofUnavailableException when there is no proof to give, with the reason
   */
  public Proof prove(String eventId, String selector) {
    Entry entry = jdbi.withHandle(h -> h.createQuery(
            "SELECT ledger_partition, entry_sequence, hash FROM ledger_entries WHERE event_id = :id")
        .bind("id", eventId)
        .map((rs, ctx) -> new Entry(rs.getInt(1), rs.getLong(2), rs.getBytes(3)))
        .findOne())
        .orElseThrow(() -> new ProofUnavailableException(Reason.NOT_FOUND, "No event '" + eventId + "'"));
    CheckpointDocument checkpoint = select(entry, selector);
    Map<Long, InclusionProof> proofs = proveAll(entry.partition(), new TreeSet<>(List.of(entry.sequence())),
        checkpoint);
    return new Proof(ProofDocument.of(eventId, entry.hash(), checkpoint.checkpointId(), proofs.get(entry.sequence())),
        checkpoint);
  }

  /**
   * Proofs of several entries of one partition in {@code checkpoint}, reading the partition's
   * hashes once.
   *
   * @throws ProofUnavailableException if the checkpoint does not cover them or the store disagrees with it
   */
  public Map<Long, InclusionProof> proveAll(int partition, SortedSet<Long> sequences, CheckpointDocument checkpoint) {
    Checkpoint signed = checkpoint.toCheckpoint();
    List<PartitionRoot> partitions = CheckpointVerifier.partitions(signed);
    PartitionRoot covered = partitions.stream().filter(p -> p.partition() == partition).findFirst()
        .orElseThrow(() -> new ProofUnavailableException(Reason.NOT_COVERED, "checkpoint "
            + checkpoint.checkpointId() + " covers no entry of ledger partition " + partition));
    if (sequences.last() >= covered.size()) {
      throw new ProofUnavailableException(Reason.NOT_COVERED, "checkpoint " + checkpoint.checkpointId()
          + " covers entries 0.." + (covered.size() - 1) + " of ledger partition " + partition + ", not entry "
          + sequences.last());
    }
    List<byte[]> hashes;
    try {
      hashes = PartitionHashes.read(jdbi, partition, covered.size());
    } catch (PartitionHashes.MissingEntriesException e) {
      throw new ProofUnavailableException(Reason.STORE_MISMATCH, e.getMessage()
          + "; checkpoint " + checkpoint.checkpointId() + " covers it (ingest may still be catching up)");
    }
    byte[] root = HexFormat.of().parseHex(checkpoint.rootHash());
    // many at once in one pass over the partition tree: an export of k entries costs O(n + k log n), not O(k n);
    // a single proof streams the leaves instead of holding the tree's levels
    Map<Long, InclusionProof> proofs = sequences.size() == 1
        ? new LinkedHashMap<>(Map.of(sequences.first(), InclusionProof.of(hashes, sequences.first(), partitions,
            partition)))
        : InclusionProof.ofAll(hashes, sequences, partitions, partition);
    for (Map.Entry<Long, InclusionProof> e : proofs.entrySet()) {
      if (!e.getValue().verifies(hashes.get(e.getKey().intValue()), root)) {
        throw new ProofUnavailableException(Reason.STORE_MISMATCH, "the stored entries of ledger partition "
            + partition + " do not lead to the signed root of checkpoint " + checkpoint.checkpointId());
      }
    }
    return proofs;
  }

  private CheckpointDocument select(Entry entry, String selector) {
    String notCovered = "No checkpoint covers event at ledger partition " + entry.partition() + " sequence "
        + entry.sequence() + " yet";
    Optional<CheckpointDocument> found = switch (selector) {
      case FIRST -> checkpoints.firstCovering(entry.partition(), entry.sequence());
      case LATEST -> checkpoints.latest();
      default -> Optional.of(checkpoints.byId(selector).orElseThrow(() -> new ProofUnavailableException(
          Reason.NOT_FOUND, "No checkpoint '" + selector + "'")));
    };
    return found.orElseThrow(() -> new ProofUnavailableException(Reason.NOT_COVERED, notCovered));
  }

  private record Entry(int partition, long sequence, byte[] hash) {}
}
