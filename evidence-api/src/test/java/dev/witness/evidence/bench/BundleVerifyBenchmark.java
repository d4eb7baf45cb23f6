package dev.witness.evidence.bench;

import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.chain.EntryHash;
import dev.witness.evidence.checkpoint.CheckpointDocument;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.verify.BundleVerification;
import dev.witness.evidence.verify.BundleVerifier;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.CheckpointFactory;
import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Offline verification of a bundle of one million ledger entries (goal: under 10 s). Writes the
 * bundle first (not timed), then times {@link BundleVerifier}. Prints figures; asserts nothing.
 * Run: {@code ./mvnw -q -pl evidence-api -Pbenchmark verify} (entries: {@code -Dbench.entries=N}).
 */
public final class BundleVerifyBenchmark {

  private static final int PARTITIONS = 2;

  private BundleVerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    long entries = Long.getLong("bench.entries", 1_000_000L);
    Path dir = Files.createTempDirectory("witness-verify-bench");
    Path bundle = dir.resolve("bundle.zip");
    SigningKey key = SigningKeys.generate();
    long t0 = System.nanoTime();
    write(bundle, entries, key);
    double written = (System.nanoTime() - t0) / 1e9;
    System.out.printf("bundle: %,d entries in %d partitions, %,d bytes, written in %.1f s%n", entries, PARTITIONS,
        Files.size(bundle), written);

    for (int run = 1; run <= 2; run++) {
      long start = System.nanoTime();
      BundleVerification v = BundleVerifier.verify(bundle, java.util.Optional.of(TrustedKeys.of(key.publicKey())),
          n -> System.out.printf("  verified %,d%n", n));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("verify run %d: %,d entries in %.2f s = %,.0f entries/s, valid=%s, failures=%d%n", run,
          v.events(), seconds, v.events() / seconds, v.valid(), v.failures().size());
    }
    Files.deleteIfExists(bundle);
    Files.deleteIfExists(dir);
    // the embedded broker and database keep non-daemon threads
    System.exit(0);
  }

  /** A whole-ledger bundle: HTTP requests and verdicts, every partition complete under one checkpoint. */
  static void write(Path bundle, long entries, SigningKey key) throws Exception {
    Instant t = Instant.parse("2025-03-01T10:00:00Z");
    List<MerkleFrontier> trees = new ArrayList<>();
    List<byte[]> last = new ArrayList<>();
    List<Manifest.PartitionCoverage> coverage = new ArrayList<>();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry(BundleLayout.EVENTS));
      for (int p = 0; p < PARTITIONS; p++) {
        long size = entries / PARTITIONS + (p < entries % PARTITIONS ? 1 : 0);
        LedgerChain chain = new LedgerChain(p);
        MerkleFrontier tree = new MerkleFrontier();
        byte[] hash = null;
        Events e = new Events("bench-" + p, "agent-" + p, "http:demo", Protocol.HTTP);
        for (long i = 0; i < size; i++) {
          Instant at = t.plusMillis(i);
          SpecificRecord event = i % 2 == 0
              ? e.httpRequest("r" + i, at, "{\"q\":\"smith\"}".getBytes(StandardCharsets.UTF_8), false)
              : e.verdict("r" + (i - 1), at, Decision.ALLOW);
          LedgerEntry entry = chain.append(event, at);
          byte[] avro = LedgerChain.avro(event);
          hash = EntryHash.of(bytes(entry.getPreviousHash()), event.getSchema().getFullName(), avro);
          tree.append(hash);
          EventLine line = new EventLine(p, i, EventDocument.headerOf(event).getEventId(),
              bytes(entry.getPreviousHash()), hash, at, event.getSchema().getFullName(), avro,
              DocumentJson.mapper().valueToTree(EventDocument.of(entry)));
          zip.write(line.toJson().getBytes(StandardCharsets.UTF_8));
          zip.write('\n');
        }
        trees.add(tree);
        last.add(hash);
        coverage.add(new Manifest.PartitionCoverage(p, size, true, size, List.of(List.of(0L, size - 1))));
      }
      zip.closeEntry();
      List<PartitionRoot> roots = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        roots.add(new PartitionRoot(p, trees.get(p).size(), last.get(p), trees.get(p).root()));
      }
      var checkpoint = CheckpointFactory.create(roots, t, key);
      zip.putNextEntry(new ZipEntry(BundleLayout.CHECKPOINTS));
      zip.write((CanonicalJson.write(CheckpointDocument.of(checkpoint)) + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleLayout.PROOFS));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleLayout.MANIFEST));
      zip.write(new Manifest(BundleLayout.FORMAT, t.toString(), Map.of(), checkpoint.getCheckpointId(), entries, 0,
          coverage).toJson().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
