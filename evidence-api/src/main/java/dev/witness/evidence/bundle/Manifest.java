package dev.witness.evidence.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;

/**
 * What a bundle holds: the filters of the export, the checkpoint everything is proven against,
 * and per ledger partition which entries are in {@code events.jsonl}. A partition is
 * {@code complete} when the bundle holds every entry the checkpoint covers (entries
 * {@code 0 .. checkpointSize - 1}); the verifier then recomputes its Merkle root from the events,
 * otherwise each event carries an inclusion proof.
 *
 * @param omittedNotCheckpointed matching entries left out because no checkpoint covered them yet
 * @param eventsSha256 {@link EventListDigest} of the entries in {@code events.jsonl}, in file order
 */
public record Manifest(String format, String createdAt, Map<String, String> filters, String checkpointId,
    long eventCount, long omittedNotCheckpointed, List<PartitionCoverage> partitions, String eventsSha256) {

  /**
   * The entries of one partition in the bundle.
   *
   * @param checkpointSize entries of the partition the checkpoint covers
   * @param ranges inclusive {@code [first, last]} sequence ranges of the entries held, ascending
   */
  public record PartitionCoverage(int partition, long checkpointSize, boolean complete, long count,
      List<List<Long>> ranges) {}

  /** The canonical JSON text. */
  public String toJson() {
    return CanonicalJson.write(this);
  }

  /**
   * Reads a manifest.
   *
   * @throws IllegalArgumentException if it is not a manifest of this format
   */
  public static Manifest parse(String text) {
    Manifest m;
    try {
      m = CanonicalJson.mapper().readValue(text, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest is not readable: " + e.getOriginalMessage());
    }
    if (!BundleLayout.FORMAT.equals(m.format())) {
      throw new IllegalArgumentException("manifest format is '" + m.format() + "', expected '" + BundleLayout.FORMAT
          + "'");
    }
    if (m.partitions() == null || m.checkpointId() == null || m.eventsSha256() == null) {
      throw new IllegalArgumentException("manifest lacks partitions, checkpointId or eventsSha256");
    }
    return m;
  }
}
