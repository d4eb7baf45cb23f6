package dev.witness.evidence.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.bundle.EventListDigest;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.bundle.ManifestSignature;
import dev.witness.evidence.bundle.Manifest.PartitionCoverage;
import dev.witness.evidence.checkpoint.CheckpointDocument;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.checkpoint.ProofDocument;
import dev.witness.evidence.checkpoint.ProofService;
import dev.witness.evidence.document.Formats;
import dev.witness.schemas.proof.InclusionProof;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes export bundles: the matching ledger entries covered by the newest checkpoint, that
 * checkpoint, inclusion proofs for partitions held in part, the public keys and a manifest
 * ({@link BundleLayout}). Entries are streamed from the store, so memory grows only with the
 * per-entry positions kept for the manifest and proofs. The manifest is signed with the export key
 * and covers the entries by a digest of their ids and hashes in order, so an entry deleted together
 * with its place in the manifest is still caught.
 */
public final class ExportService {

  private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
  private static final int FETCH_SIZE = 5_000;

  private final Jdbi jdbi;
  private final CheckpointStore checkpoints;
  private final ProofService proofs;
  private final TrustedKeys keys;
  private final SigningKey exportKey;
  private final Clock clock;

  /**
   * @param keys the checkpoint public keys, written into bundles
   * @param exportKey signs each bundle's manifest; its public key is written into bundles too
   */
  public ExportService(Jdbi jdbi, CheckpointStore checkpoints, ProofService proofs, TrustedKeys keys,
      SigningKey exportKey) {
    this(jdbi, checkpoints, proofs, keys, exportKey, Clock.systemUTC());
  }

  public ExportService(Jdbi jdbi, CheckpointStore checkpoints, ProofService proofs, TrustedKeys keys,
      SigningKey exportKey, Clock clock) {
    this.jdbi = jdbi;
    this.checkpoints = checkpoints;
    this.proofs = proofs;
    this.keys = keys;
    this.exportKey = Objects.requireNonNull(exportKey, "exportKey");
    this.clock = clock;
  }

  /**
   * Writes the bundle of {@code request} to {@code target}.
   *
   * @param progress told the number of entries written so far, now and then
   * @throws NoCheckpointException before the first checkpoint
   * @throws dev.witness.evidence.checkpoint.ProofUnavailableException if the store disagrees with the checkpoint
   */
  public ExportSummary export(ExportRequest request, Path target, LongConsumer progress) throws IOException {
    CheckpointDocument checkpoint = checkpoints.latest().orElseThrow(NoCheckpointException::new);
    Map<Integer, Long> covered = new TreeMap<>();
    checkpoint.heads().forEach(h -> covered.put(h.partition(), h.entrySequence() + 1));
    Map<Integer, Held> held = new TreeMap<>();
    long[] omitted = {0};
    EventListDigest digest = new EventListDigest();
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
      zip.putNextEntry(new ZipEntry(BundleLayout.EVENTS));
      writeEvents(request, zip, covered, held, omitted, digest, progress);
      zip.closeEntry();

      zip.putNextEntry(new ZipEntry(BundleLayout.CHECKPOINTS));
      zip.write((CanonicalJson.write(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();

      zip.putNextEntry(new ZipEntry(BundleLayout.PROOFS));
      List<PartitionCoverage> coverage = new ArrayList<>();
      for (Map.Entry<Integer, Held> e : held.entrySet()) {
        int partition = e.getKey();
        Held h = e.getValue();
        boolean complete = h.count() == covered.get(partition);
        if (!complete) {
          writeProofs(zip, partition, h, checkpoint);
        }
        coverage.add(new PartitionCoverage(partition, covered.get(partition), complete, h.count(), h.ranges()));
      }
      zip.closeEntry();

      zip.putNextEntry(new ZipEntry(BundleLayout.PUBLIC_KEYS));
      for (String keyId : keys.keyIds()) {
        zip.write(SigningKeys.publicKeyPem(keys.find(keyId).orElseThrow()).getBytes(StandardCharsets.US_ASCII));
      }
      if (keys.find(exportKey.keyId()).isEmpty()) {
        zip.write(SigningKeys.publicKeyPem(exportKey.publicKey()).getBytes(StandardCharsets.US_ASCII));
      }
      zip.closeEntry();

      long events = held.values().stream().mapToLong(Held::count).sum();
      Manifest manifest = new Manifest(BundleLayout.FORMAT, Formats.timestamp(clock.instant()), request.asMap(),
          checkpoint.checkpointId(), events, omitted[0], coverage, digest.hex());
      byte[] manifestBytes = (manifest.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
      zip.putNextEntry(new ZipEntry(BundleLayout.MANIFEST));
      zip.write(manifestBytes);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleLayout.MANIFEST_SIGNATURE));
      zip.write((ManifestSignature.sign(manifestBytes, exportKey).toJson() + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      LOG.info("export written checkpointId={} events={} omittedNotCheckpointed={} filters={} exportKeyId={}",
          checkpoint.checkpointId(), events, omitted[0], request.asMap().keySet(), exportKey.keyId());
      return new ExportSummary(target, checkpoint.checkpointId(), events, omitted[0]);
    }
  }

  private void writeEvents(ExportRequest r, OutputStream out, Map<Integer, Long> covered, Map<Integer, Held> held,
      long[] omitted, EventListDigest digest, LongConsumer progress) {
    jdbi.useTransaction(h -> h.createQuery("""
            SELECT ledger_partition, entry_sequence, event_id, previous_hash, hash, recorded_at, event_schema,
                event_avro, event_json::text AS event_json
            FROM ledger_entries
            WHERE (CAST(:agent AS text) IS NULL OR agent_id = :agent)
              AND (CAST(:resource AS text) IS NULL OR resource = :resource)
              AND (CAST(:session AS text) IS NULL OR session_id = :session)
              AND (CAST(:type AS text) IS NULL OR event_type = :type)
              AND (CAST(:from AS timestamptz) IS NULL OR event_time >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR event_time < :to)
              AND (CAST(:risk AS text) IS NULL OR witness_event_risk(event_type, event_json) = :risk)
              AND (CAST(:decision AS text) IS NULL
                   OR (event_type = 'verdict' AND event_json #>> '{verdict,decision}' = :decision))
            ORDER BY ledger_partition, entry_sequence
            """)
        .bindMethods(r)
        .setFetchSize(FETCH_SIZE)
        .map((rs, ctx) -> {
          int partition = rs.getInt("ledger_partition");
          long sequence = rs.getLong("entry_sequence");
          Long size = covered.get(partition);
          if (size == null || sequence >= size) {
            omitted[0]++;
            return null;
          }
          String eventId = rs.getString("event_id");
          EventLine line = new EventLine(partition, sequence, eventId, rs.getBytes("previous_hash"),
              rs.getBytes("hash"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
              rs.getString("event_schema"), rs.getBytes("event_avro"), tree(rs.getString("event_json")));
          write(out, line.toJson());
          digest.add(partition, sequence, eventId, line.hash());
          long written = held.computeIfAbsent(partition, p -> new Held()).add(sequence, eventId);
          if (written % 100_000 == 0) {
            progress.accept(held.values().stream().mapToLong(Held::count).sum());
          }
          return null;
        })
        .forEach(ignored -> { }));
  }

  private void writeProofs(OutputStream out, int partition, Held h, CheckpointDocument checkpoint) {
    TreeSet<Long> sequences = new TreeSet<>(h.sequences);
    Map<Long, InclusionProof> byPosition = proofs.proveAll(partition, sequences, checkpoint);
    for (int i = 0; i < h.sequences.size(); i++) {
      long sequence = h.sequences.get(i);
      // the entry hash is the event line's: the proof line names the entry by id and position only
      write(out, CanonicalJson.write(ProofDocument.of(h.eventIds.get(i), null, checkpoint.checkpointId(),
          byPosition.get(sequence))));
    }
  }

  private static void write(OutputStream out, String line) {
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return CanonicalJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored event document is not JSON", e);
    }
  }

  /** The entries of one partition written so far. */
  private static final class Held {
    private final List<Long> sequences = new ArrayList<>();
    private final List<String> eventIds = new ArrayList<>();
    private final List<List<Long>> ranges = new ArrayList<>();
    private long rangeStart = -1;
    private long last = -1;

    long add(long sequence, String eventId) {
      sequences.add(sequence);
      eventIds.add(eventId);
      if (rangeStart < 0) {
        rangeStart = sequence;
      } else if (sequence != last + 1) {
        ranges.add(List.of(rangeStart, last));
        rangeStart = sequence;
      }
      last = sequence;
      return sequences.size();
    }

    long count() {
      return sequences.size();
    }

    List<List<Long>> ranges() {
      List<List<Long>> all = new ArrayList<>(ranges);
      if (rangeStart >= 0) {
        all.add(List.of(rangeStart, last));
      }
      return all;
    }
  }
}
