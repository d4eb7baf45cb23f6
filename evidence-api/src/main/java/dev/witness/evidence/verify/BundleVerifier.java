package dev.witness.evidence.verify;

import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.bundle.Manifest.PartitionCoverage;
import dev.witness.evidence.chain.EntryHash;
import dev.witness.evidence.checkpoint.CheckpointDocument;
import dev.witness.evidence.checkpoint.ProofDocument;
import dev.witness.evidence.document.Formats;
import dev.witness.evidence.verify.Check.Kind;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.proof.CheckpointSignature;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.InclusionProof;
import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.zip.ZipFile;

/**
 * Verifies an export bundle offline, with nothing but the bundle and the trusted public key(s):
 * each event's bytes against its hash, its readable document against its bytes, ledger order,
 * chain links, the manifest's export-key signature and its list of entries (deleted and inserted
 * ones, and the digest of their ids and hashes in order), the checkpoint's
 * signature, and each entry's inclusion in the signed checkpoint (by proof, or by recomputing the
 * root of a partition the bundle holds whole). Streams the events; memory grows with 32 bytes per
 * entry of a whole partition; the per-line work (parsing, hashing, re-deriving documents) runs on
 * all cores in batches, the order-dependent checks after it in file order.
 */
public final class BundleVerifier {

  /** Failures listed one by one per kind; more are counted in one last finding. */
  static final int LISTED_FAILURES = 100;

  private static final byte[] ZERO_HASH = new byte[32];
  private static final int BATCH = 4096;
  private static final ThreadLocal<EventRederivation> REDERIVATION = ThreadLocal.withInitial(EventRederivation::new);
  private static final ThreadLocal<ExactLineCheck> EXACT =
      ThreadLocal.withInitial(() -> new ExactLineCheck(REDERIVATION.get()));

  private final List<Check> checks = new ArrayList<>();
  private final Map<Kind, Integer> failureCounts = new EnumMap<>(Kind.class);
  private final LongConsumer progress;
  private final ManifestCheck manifestList = new ManifestCheck();

  private BundleVerifier(LongConsumer progress) {
    this.progress = progress;
  }

  /** Verifies {@code bundle} with the given trusted keys. */
  public static BundleVerification verify(Path bundle, TrustedKeys keys) {
    return verify(bundle, Optional.of(keys), n -> { });
  }

  /**
   * Verifies {@code bundle}; without {@code keys} the bundle's own public keys are used, which
   * shows the bundle is intact but not who signed it (reported as a warning).
   *
   * @param progress told the number of events verified so far, every 100,000
   */
  public static BundleVerification verify(Path bundle, Optional<TrustedKeys> keys, LongConsumer progress) {
    BundleVerifier v = new BundleVerifier(progress);
    long events = 0;
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      events = v.run(zip, keys);
    } catch (IOException e) {
      v.fail(Kind.FORMAT, bundle.getFileName().toString(), "not a readable zip bundle: " + e.getMessage());
    }
    return new BundleVerification(v.checks, events);
  }

  private long run(ZipFile zip, Optional<TrustedKeys> given) throws IOException {
    for (String name : List.of(BundleLayout.MANIFEST, BundleLayout.EVENTS, BundleLayout.CHECKPOINTS,
        BundleLayout.PROOFS)) {
      if (zip.getEntry(name) == null) {
        fail(Kind.FORMAT, name, "missing from the bundle");
      }
    }
    if (!failures(Kind.FORMAT).isEmpty()) {
      return 0;
    }
    Manifest manifest;
    byte[] manifestBytes = zip.getInputStream(zip.getEntry(BundleLayout.MANIFEST)).readAllBytes();
    try {
      manifest = Manifest.parse(ManifestCheck.text(manifestBytes));
    } catch (IllegalArgumentException e) {
      fail(Kind.FORMAT, BundleLayout.MANIFEST, e.getMessage());
      return 0;
    }
    TrustedKeys keys = keys(zip, given);
    ManifestCheck.signature(this, manifestBytes, zip.getEntry(BundleLayout.MANIFEST_SIGNATURE) == null ? null
        : text(zip, BundleLayout.MANIFEST_SIGNATURE), keys);
    Checkpoint checkpoint = checkpoint(zip, manifest, keys);
    Map<Long, ProofDocument> proofs = proofs(zip);
    Coverage coverage = new Coverage(manifest, checkpoint);
    long events = events(zip, coverage, proofs, checkpoint);
    coverage.finish(this, checkpoint);
    manifestList.finish(this, manifest, events, failureCounts.keySet().stream().anyMatch(ManifestCheck::isEntryKind));
    summarize(events, manifest, checkpoint != null);
    return events;
  }

  private TrustedKeys keys(ZipFile zip, Optional<TrustedKeys> given) throws IOException {
    if (given.isPresent()) {
      checks.add(Check.pass(Kind.KEY, "trusted keys", "given by the verifier: " + given.get().keyIds()));
      return given.get();
    }
    List<PublicKey> keys = new ArrayList<>();
    ZipEntry pem = zip.getEntry(BundleLayout.PUBLIC_KEYS);
    if (pem != null) {
      String all = text(zip, BundleLayout.PUBLIC_KEYS);
      for (String block : all.split("(?<=-----END PUBLIC KEY-----)")) {
        if (block.contains("BEGIN PUBLIC KEY")) {
          try {
            keys.add(SigningKeys.parsePublicKey(block.strip()));
          } catch (IllegalArgumentException e) {
            fail(Kind.FORMAT, BundleLayout.PUBLIC_KEYS, "a key is not an Ed25519 public key");
          }
        }
      }
    }
    TrustedKeys own = TrustedKeys.of(keys);
    checks.add(Check.warn(Kind.KEY, "trusted keys", "none given: using the bundle's own " + own.keyIds()
        + "; this proves the bundle is intact, not who signed it; pass the operator's public key"));
    return own;
  }

  private Checkpoint checkpoint(ZipFile zip, Manifest manifest, TrustedKeys keys) throws IOException {
    Checkpoint named = null;
    try (BufferedReader in = reader(zip, BundleLayout.CHECKPOINTS)) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Checkpoint c;
        try {
          c = CanonicalJson.mapper().readValue(line, CheckpointDocument.class).toCheckpoint();
        } catch (IOException | IllegalArgumentException e) {
          fail(Kind.FORMAT, BundleLayout.CHECKPOINTS + " line " + number, "not a checkpoint: " + e.getMessage());
          continue;
        }
        String subject = "checkpoint " + c.getCheckpointId();
        if (keys.find(c.getKeyId()).isEmpty()) {
          fail(Kind.CHECKPOINT_SIGNATURE, subject, "signed with key " + c.getKeyId()
              + ", which is not a trusted key " + keys.keyIds());
          continue;
        }
        if (!CheckpointSignature.verify(c, keys)) {
          fail(Kind.CHECKPOINT_SIGNATURE, subject, "the signature does not verify with trusted key " + c.getKeyId()
              + " (the checkpoint or its signature was altered or swapped)");
          continue;
        }
        Optional<String> problem = CheckpointVerifier.problem(c, keys);
        if (problem.isPresent()) {
          fail(Kind.CHECKPOINT, subject, problem.get());
          continue;
        }
        checks.add(Check.pass(Kind.CHECKPOINT_SIGNATURE, subject, "signed by trusted key " + c.getKeyId()
            + ", root over " + c.getTreeSize() + " entries"));
        if (c.getCheckpointId().equals(manifest.checkpointId())) {
          named = c;
        }
      }
    }
    if (named == null && failures(Kind.CHECKPOINT_SIGNATURE).isEmpty() && failures(Kind.CHECKPOINT).isEmpty()) {
      fail(Kind.CHECKPOINT, "checkpoint " + manifest.checkpointId(), "named by the manifest but not in the bundle");
    }
    return named;
  }

  private Map<Long, ProofDocument> proofs(ZipFile zip) throws IOException {
    Map<Long, ProofDocument> proofs = new HashMap<>();
    try (BufferedReader in = reader(zip, BundleLayout.PROOFS)) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          ProofDocument p = CanonicalJson.mapper().readValue(line, ProofDocument.class);
          proofs.put(Coverage.key(p.partition(), p.entrySequence()), p);
        } catch (IOException e) {
          fail(Kind.FORMAT, BundleLayout.PROOFS + " line " + number, "not a proof");
        }
      }
    }
    return proofs;
  }

  /** What can be checked of one line on its own; computed in parallel, in batches. */
  private record LineResult(int number, EventLine line, String formatProblem, String modifiedProblem) {}

  private static LineResult analyze(int number, String text) {
    EventLine exact = EXACT.get().accept(text);
    if (exact != null) {
      return new LineResult(number, exact, null, null);
    }
    EventLine line;
    try {
      line = EventLine.parse(text);
    } catch (IllegalArgumentException e) {
      return new LineResult(number, null, e.getMessage(), null);
    }
    if (!Arrays.equals(line.hash(), EntryHash.of(line.previousHash(), line.eventSchema(), line.eventAvro()))) {
      return new LineResult(number, line, null,
          "its bytes do not match its hash (the event or its hash was modified)");
    }
    String difference = REDERIVATION.get().difference(line);
    return new LineResult(number, line, null, difference == null ? null
        : "its readable document differs from its hashed bytes: " + difference);
  }

  private long events(ZipFile zip, Coverage coverage, Map<Long, ProofDocument> proofs, Checkpoint checkpoint)
      throws IOException {
    byte[] root = checkpoint == null ? null : Formats.bytes(checkpoint.getRootHash());
    long[] count = {0};
    EventLine[] previous = {null};
    Map<Integer, EventLine> lastOfPartition = new HashMap<>();
    // three stages overlap: this thread reads (and inflates) the next batch and runs the ordered
    // checks of the previous one while the pool parses, hashes and re-derives the current one
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try (BufferedReader in = reader(zip, BundleLayout.EVENTS)) {
      Future<List<LineResult>> pending = null;
      int number = 0;
      while (true) {
        List<String> batch = new ArrayList<>(BATCH);
        int base = number + 1;
        String text;
        while (batch.size() < BATCH && (text = in.readLine()) != null) {
          number++;
          batch.add(text);
        }
        Future<List<LineResult>> next = batch.isEmpty() ? null : pool.submit(() -> IntStream.range(0, batch.size())
            .parallel()
            .mapToObj(i -> batch.get(i).isBlank() ? null : analyze(base + i, batch.get(i)))
            .toList());
        if (pending != null) {
          for (LineResult r : join(pending)) {
            if (r != null) {
              sequentialChecks(r, coverage, proofs, checkpoint, root, previous, lastOfPartition, count);
            }
          }
        }
        pending = next;
        if (next == null) {
          break;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return count[0];
  }

  private static List<LineResult> join(Future<List<LineResult>> batch) throws IOException {
    try {
      return batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("verification interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** The checks that depend on the lines before: order, listing, links, inclusion. */
  private void sequentialChecks(LineResult r, Coverage coverage, Map<Long, ProofDocument> proofs,
      Checkpoint checkpoint, byte[] root, EventLine[] previous, Map<Integer, EventLine> lastOfPartition,
      long[] count) {
    if (r.formatProblem() != null) {
      fail(Kind.FORMAT, BundleLayout.EVENTS + " line " + r.number(), r.formatProblem());
      return;
    }
    EventLine line = r.line();
    count[0]++;
    manifestList.add(line.partition(), line.sequence(), line.eventId(), line.hash());
    String subject = subject(line, r.number());
    if (r.modifiedProblem() != null) {
      fail(Kind.EVENT_MODIFIED, subject, r.modifiedProblem());
    }
    if (previous[0] != null && compare(line, previous[0]) <= 0) {
      fail(Kind.EVENTS_REORDERED, subject, "comes after partition " + previous[0].partition() + " sequence "
          + previous[0].sequence() + " (line " + (r.number() - 1) + "); entries must be in ledger order");
    }
    if (!coverage.listed(line)) {
      fail(Kind.EVENT_INSERTED, subject, "not an entry the manifest lists (inserted)");
    } else if (!coverage.see(line)) {
      fail(Kind.EVENT_INSERTED, subject, "a second entry at this position (inserted)");
    }
    link(line, lastOfPartition.get(line.partition()), subject);
    lastOfPartition.put(line.partition(), line);
    if (checkpoint != null && !coverage.complete(line.partition())) {
      included(line, proofs.get(Coverage.key(line.partition(), line.sequence())), root, subject);
    }
    previous[0] = line;
    if (count[0] % 100_000 == 0) {
      progress.accept(count[0]);
    }
  }

  private void link(EventLine line, EventLine before, String subject) {
    if (line.sequence() == 0 && !Arrays.equals(line.previousHash(), ZERO_HASH)) {
      fail(Kind.CHAIN_LINK, subject, "the first entry of a partition must follow the zero hash");
    } else if (before != null && before.sequence() == line.sequence() - 1
        && !Arrays.equals(before.hash(), line.previousHash())) {
      fail(Kind.CHAIN_LINK, subject, "its previousHash is not the hash of sequence " + before.sequence());
    }
  }

  private void included(EventLine line, ProofDocument proof, byte[] root, String subject) {
    if (proof == null) {
      fail(Kind.INCLUSION, subject, "no inclusion proof in the bundle");
      return;
    }
    try {
      InclusionProof p = proof.toInclusionProof();
      if (p.partition() != line.partition() || p.entrySequence() != line.sequence() || !p.verifies(line.hash(), root)) {
        fail(Kind.INCLUSION, subject, "its inclusion proof does not lead to the signed checkpoint root");
      }
    } catch (IllegalArgumentException e) {
      fail(Kind.INCLUSION, subject, "its inclusion proof is malformed: " + e.getMessage());
    }
  }

  private void summarize(long events, Manifest manifest, boolean checkpointTrusted) {
    // the per-entry findings name the entries; the count only speaks when they found nothing
    Kind countKind = events > manifest.eventCount() ? Kind.EVENT_INSERTED : Kind.EVENT_DELETED;
    if (events != manifest.eventCount() && !failureCounts.containsKey(countKind)) {
      fail(countKind, BundleLayout.EVENTS, events + " entries where the manifest counts " + manifest.eventCount());
    }
    String all = events + " entries";
    for (Kind kind : List.of(Kind.EVENT_MODIFIED, Kind.EVENTS_REORDERED, Kind.EVENT_INSERTED, Kind.EVENT_DELETED,
        Kind.CHAIN_LINK, Kind.INCLUSION)) {
      int failed = failureCounts.getOrDefault(kind, 0);
      if (failed > LISTED_FAILURES) {
        checks.add(Check.fail(kind, "(more)", (failed - LISTED_FAILURES) + " further failures not listed"));
      }
      if (failed == 0 && kind == Kind.INCLUSION && !checkpointTrusted) {
        checks.add(Check.warn(kind, all, "not established: the bundle has no valid checkpoint to prove against"));
      } else if (failed == 0) {
        checks.add(Check.pass(kind, all, switch (kind) {
          case EVENT_MODIFIED -> "every hash recomputed from its event bytes, every document re-derived";
          case EVENTS_REORDERED -> "in ledger order";
          case EVENT_INSERTED -> "each listed by the manifest, once";
          case EVENT_DELETED -> "every entry the manifest lists is present";
          case CHAIN_LINK -> "consecutive entries link";
          default -> "covered by the signed checkpoint";
        }));
      }
    }
  }

  void fail(Kind kind, String subject, String detail) {
    int n = failureCounts.merge(kind, 1, Integer::sum);
    if (n <= LISTED_FAILURES) {
      checks.add(Check.fail(kind, subject, detail));
    }
  }

  void warn(Kind kind, String subject, String detail) {
    checks.add(Check.warn(kind, subject, detail));
  }

  void pass(Kind kind, String subject, String detail) {
    checks.add(Check.pass(kind, subject, detail));
  }

  private List<Check> failures(Kind kind) {
    return checks.stream().filter(c -> c.kind() == kind && c.status() == Check.Status.FAIL).toList();
  }

  private static int compare(EventLine a, EventLine b) {
    int c = Integer.compare(a.partition(), b.partition());
    return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
  }

  private static String subject(EventLine line, int number) {
    return "event " + line.eventId() + " (line " + number + ", partition " + line.partition() + ", sequence "
        + line.sequence() + ")";
  }

  private static String text(ZipFile zip, String name) throws IOException {
    return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
  }

  private static BufferedReader reader(ZipFile zip, String name) throws IOException {
    return new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(name)), StandardCharsets.UTF_8),
        1 << 16);
  }

  /** Which entries the manifest lists, which were seen, and the hashes of whole partitions. */
  private static final class Coverage {

    private final Map<Integer, PartitionCoverage> partitions = new HashMap<>();
    private final Map<Integer, java.util.BitSet> seen = new HashMap<>();
    private final Map<Integer, byte[]> wholeHashes = new HashMap<>();

    Coverage(Manifest manifest, Checkpoint checkpoint) {
      for (PartitionCoverage p : manifest.partitions()) {
        partitions.put(p.partition(), p);
        seen.put(p.partition(), new java.util.BitSet());
        if (p.complete()) {
          wholeHashes.put(p.partition(), new byte[Math.toIntExact(p.checkpointSize() * 32)]);
        }
      }
    }

    static long key(int partition, long sequence) {
      return ((long) partition << 48) | sequence;
    }

    boolean complete(int partition) {
      PartitionCoverage p = partitions.get(partition);
      return p != null && p.complete();
    }

    boolean listed(EventLine line) {
      PartitionCoverage p = partitions.get(line.partition());
      if (p == null) {
        return false;
      }
      for (List<Long> range : p.ranges()) {
        if (range.size() == 2 && line.sequence() >= range.get(0) && line.sequence() <= range.get(1)) {
          return true;
        }
      }
      return false;
    }

    /** Records the entry; false if one was already seen at its position. */
    boolean see(EventLine line) {
      java.util.BitSet bits = seen.get(line.partition());
      int index = Math.toIntExact(line.sequence());
      if (bits.get(index)) {
        return false;
      }
      bits.set(index);
      byte[] hashes = wholeHashes.get(line.partition());
      if (hashes != null && line.sequence() < hashes.length / 32 && line.hash().length == 32) {
        System.arraycopy(line.hash(), 0, hashes, index * 32, 32);
      }
      return true;
    }

    void finish(BundleVerifier v, Checkpoint checkpoint) {
      for (PartitionCoverage p : partitions.values().stream()
          .sorted(java.util.Comparator.comparingInt(PartitionCoverage::partition)).toList()) {
        java.util.BitSet bits = seen.get(p.partition());
        int missing = 0;
        for (List<Long> range : p.ranges()) {
          for (long s = range.get(0); s <= range.get(1); s++) {
            if (!bits.get(Math.toIntExact(s))) {
              missing++;
              v.fail(Kind.EVENT_DELETED, "partition " + p.partition() + ", sequence " + s,
                  "listed by the manifest but not in " + BundleLayout.EVENTS + " (deleted)");
            }
          }
        }
        if (p.complete() && checkpoint != null) {
          wholePartition(v, p, checkpoint, missing);
        }
      }
    }

    private void wholePartition(BundleVerifier v, PartitionCoverage p, Checkpoint checkpoint, int missing) {
      String subject = "partition " + p.partition();
      Optional<PartitionRoot> signed = CheckpointVerifier.partitions(checkpoint).stream()
          .filter(r -> r.partition() == p.partition()).findFirst();
      if (signed.isEmpty() || signed.get().size() != p.checkpointSize()) {
        v.fail(Kind.INCLUSION, subject, "the checkpoint does not cover the " + p.checkpointSize()
            + " entries the manifest claims");
        return;
      }
      if (missing > 0) {
        v.warn(Kind.INCLUSION, subject, "root not recomputed: " + missing + " entries are missing");
        return;
      }
      byte[] hashes = wholeHashes.get(p.partition());
      MerkleFrontier tree = new MerkleFrontier();
      byte[] leaf = new byte[32];
      for (int i = 0; i < hashes.length; i += 32) {
        System.arraycopy(hashes, i, leaf, 0, 32);
        tree.append(leaf.clone());
      }
      if (!Arrays.equals(tree.root(), signed.get().root())) {
        v.fail(Kind.INCLUSION, subject, "the entries' hashes do not lead to the partition root the checkpoint signed");
      } else {
        v.pass(Kind.INCLUSION, subject, "all " + p.checkpointSize() + " entries lead to the signed partition root");
      }
    }
  }
}
