package dev.witness.evidence.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.bundle.EventListDigest;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.bundle.ManifestSignature;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.checkpoint.ProofService;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.support.Bundles;
import dev.witness.evidence.support.Checkpoints;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.verify.BundleVerification;
import dev.witness.evidence.verify.BundleVerifier;
import dev.witness.evidence.verify.Check;
import dev.witness.evidence.verify.Check.Kind;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export bundles from a real store, verified offline; every kind of tampering is reported
 * precisely and an untouched bundle verifies.
 */
class EvidenceExportIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final SigningKey KEY = SigningKeys.generate();
  private static final SigningKey EXPORT_KEY = SigningKeys.generate();
  /** The checkpoint key and the export key, as an auditor passes them with --public-key. */
  private static final TrustedKeys TRUSTED = TrustedKeys.of(KEY.publicKey(), EXPORT_KEY.publicKey());

  private static ExportService exports;
  private static CheckpointStore checkpoints;
  private static Checkpoint earlier;

  @TempDir
  Path dir;

  /** Partition 0: session a over HTTP (one denial); partition 1: session b over SQL; two entries after the checkpoint. */
  @BeforeAll
  static void fill() {
    EvidenceStore store = EvidenceStore.on(TestDatabases.migrated("export_it"));
    LedgerChain p0 = new LedgerChain(0);
    LedgerChain p1 = new LedgerChain(1);
    Events a = new Events("sess-a", "agent-a", "http:demo", Protocol.HTTP);
    Events b = new Events("sess-b", "agent-b", "postgres:demo", Protocol.SQL);
    List<LedgerEntry> covered = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Instant at = T0.plusSeconds(i);
      covered.add(p0.append(a.httpRequest("ra" + i, at, "{\"q\":1}".getBytes(StandardCharsets.UTF_8), false), at));
      covered.add(p0.append(a.verdict("ra" + i, at, i == 2 ? Decision.DENY : Decision.ALLOW), at));
      covered.add(p1.append(b.sqlRequest("rb" + i, at, "SELECT email FROM customers"), at));
      covered.add(p1.append(b.verdict("rb" + i, at, Decision.ALLOW), at));
      covered.add(p1.append(b.sqlChunk("rb" + i, at), at));
    }
    earlier = Checkpoints.over(covered.subList(0, 10), T0.plusSeconds(5), KEY);
    Checkpoint latest = Checkpoints.over(covered, T0.plusSeconds(10), KEY);
    List<LedgerEntry> all = new ArrayList<>(covered);
    all.add(p0.append(a.httpRequest("late", T0.plusSeconds(20), null, false), T0.plusSeconds(20)));
    all.add(p1.append(b.sqlRequest("late", T0.plusSeconds(20), "SELECT 1"), T0.plusSeconds(20)));
    store.append(all.stream().map(LedgerRecords::newEntry).toList());
    checkpoints = new CheckpointStore(store.jdbi(), TRUSTED);
    assertThat(checkpoints.record(earlier)).isEqualTo(CheckpointStore.Outcome.STORED);
    assertThat(checkpoints.record(latest)).isEqualTo(CheckpointStore.Outcome.STORED);
    exports = new ExportService(store.jdbi(), checkpoints, new ProofService(store.jdbi(), checkpoints), TRUSTED,
        EXPORT_KEY);
  }

  private Path exportAll() throws Exception {
    return exports.export(ExportRequest.all(), dir.resolve("all.zip"), n -> { }).bundle();
  }

  private Path exportDenials() throws Exception {
    ExportRequest denials = new ExportRequest(null, null, null, null, null, null, null, "DENY");
    return exports.export(denials, dir.resolve("deny.zip"), n -> { }).bundle();
  }

  private static BundleVerification verify(Path bundle) {
    return BundleVerifier.verify(bundle, TRUSTED);
  }

  private static List<Kind> failedKinds(BundleVerification v) {
    return v.failures().stream().map(Check::kind).distinct().toList();
  }

  @Test
  void untouchedFullExportVerifiesByRecomputingPartitionRoots() throws Exception {
    ExportSummary summary = exports.export(ExportRequest.all(), dir.resolve("b.zip"), n -> { });
    assertThat(summary.events()).isEqualTo(20);
    assertThat(summary.omittedNotCheckpointed()).isEqualTo(2);
    Manifest manifest = Manifest.parse(new String(Bundles.read(summary.bundle()).get(BundleLayout.MANIFEST),
        StandardCharsets.UTF_8));
    assertThat(manifest.partitions()).allSatisfy(p -> assertThat(p.complete()).isTrue());
    assertThat(Bundles.lines(summary.bundle(), BundleLayout.PROOFS)).isEmpty();

    BundleVerification v = verify(summary.bundle());
    assertThat(v.failures()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.events()).isEqualTo(20);
    assertThat(v.report()).contains("PASS INCLUSION partition 0").contains("PASS INCLUSION partition 1")
        .contains("PASS MANIFEST_SIGNATURE manifest.json: signed by trusted key " + EXPORT_KEY.keyId())
        .contains("PASS MANIFEST events.jsonl").contains("VERIFIED");
  }

  @Test
  void untouchedFilteredExportVerifiesByInclusionProofs() throws Exception {
    Path bundle = exportDenials();
    assertThat(Bundles.lines(bundle, BundleLayout.EVENTS)).hasSize(1);
    assertThat(Bundles.lines(bundle, BundleLayout.PROOFS)).hasSize(1);
    BundleVerification v = verify(bundle);
    assertThat(v.failures()).isEmpty();
    assertThat(v.events()).isEqualTo(1);
  }

  @Test
  void withoutAGivenKeyTheBundlesOwnKeyIsUsedWithAWarning() throws Exception {
    BundleVerification v = BundleVerifier.verify(exportAll(), Optional.empty(), n -> { });
    assertThat(v.valid()).isTrue();
    assertThat(v.checks()).anySatisfy(c -> {
      assertThat(c.kind()).isEqualTo(Kind.KEY);
      assertThat(c.status()).isEqualTo(Check.Status.WARN);
    });
  }

  @Test
  void modifiedEventByteIsReportedForThatEventOnly() throws Exception {
    Path bundle = exportAll();
    List<String> lines = Bundles.lines(bundle, BundleLayout.EVENTS);
    EventLine target = EventLine.parse(lines.get(3));
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      EventLine e = EventLine.parse(l.get(3));
      byte[] avro = e.eventAvro().clone();
      avro[avro.length - 1] ^= 0x01;
      l.set(3, new EventLine(e.partition(), e.sequence(), e.eventId(), e.previousHash(), e.hash(), e.recordedAt(),
          e.eventSchema(), avro, e.event()).toJson());
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.EVENT_MODIFIED);
    assertThat(v.failures()).singleElement().satisfies(c -> {
      assertThat(c.subject()).contains(target.eventId()).contains("line 4");
      assertThat(c.detail()).contains("bytes do not match its hash");
    });
  }

  @Test
  void modifiedReadableDocumentIsReportedWithTheField() throws Exception {
    Path bundle = exportAll();
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      for (int i = 0; i < l.size(); i++) {
        if (l.get(i).contains("\"decision\":\"DENY\"")) {
          l.set(i, l.get(i).replace("\"decision\":\"DENY\"", "\"decision\":\"ALLOW\""));
        }
      }
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.EVENT_MODIFIED);
    assertThat(v.failures()).singleElement().satisfies(c ->
        assertThat(c.detail()).contains("/verdict/decision").contains("\"ALLOW\"").contains("\"DENY\""));
  }

  @Test
  void deletedEventIsReportedByPosition() throws Exception {
    Path bundle = exportAll();
    EventLine deleted = EventLine.parse(Bundles.lines(bundle, BundleLayout.EVENTS).get(2));
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      l.remove(2);
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.EVENT_DELETED);
    assertThat(v.failures(Kind.EVENT_DELETED)).anySatisfy(c -> assertThat(c.subject())
        .isEqualTo("partition " + deleted.partition() + ", sequence " + deleted.sequence()));
  }

  @Test
  void reorderedEventsAreReported() throws Exception {
    Path bundle = exportAll();
    EventLine moved = EventLine.parse(Bundles.lines(bundle, BundleLayout.EVENTS).get(4));
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      Collections.swap(l, 4, 5);
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.EVENTS_REORDERED);
    assertThat(v.failures()).singleElement().satisfies(c -> assertThat(c.subject()).contains(moved.eventId()));
  }

  @Test
  void insertedForgedEventIsReportedAsInsertedAndNotInTheCheckpoint() throws Exception {
    Path bundle = exportDenials();
    EventLine real = EventLine.parse(Bundles.lines(bundle, BundleLayout.EVENTS).get(0));
    // a well-formed forgery: its own bytes, hash and document agree, chained after the real entry
    Events forger = new Events("sess-a", "agent-a", "http:demo", Protocol.HTTP);
    LedgerEntry forged = LedgerEntry.newBuilder()
        .setPartition(real.partition())
        .setEntrySequence(real.sequence() + 1)
        .setPreviousHash(java.nio.ByteBuffer.wrap(real.hash()))
        .setHash(java.nio.ByteBuffer.wrap(new byte[32]))
        .setRecordedAt(real.recordedAt())
        .setEvent(forger.verdict("ra2", T0, Decision.ALLOW))
        .build();
    byte[] avro = LedgerChain.avro((org.apache.avro.specific.SpecificRecord) forged.getEvent());
    String schema = forged.getEvent().getClass().getName();
    byte[] hash = dev.witness.evidence.chain.EntryHash.of(real.hash(), schema, avro);
    forged.setHash(java.nio.ByteBuffer.wrap(hash));
    JsonNode doc = DocumentJson.mapper().valueToTree(EventDocument.of(forged));
    String forgedId = EventDocument.headerOf(forged.getEvent()).getEventId();
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      l.add(new EventLine(real.partition(), real.sequence() + 1, forgedId, real.hash(), hash, real.recordedAt(),
          schema, avro, doc).toJson());
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactlyInAnyOrder(Kind.EVENT_INSERTED, Kind.INCLUSION);
    assertThat(v.failures()).allSatisfy(c -> assertThat(c.subject()).contains(forgedId));
  }

  @Test
  void swappedCheckpointSignatureIsReported() throws Exception {
    Path bundle = exportAll();
    String otherSignature = Base64.getEncoder().encodeToString(earlier.getSignature().array());
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.CHECKPOINTS, l -> {
      ObjectNode c = (ObjectNode) CanonicalJson.read(l.get(0));
      c.put("signature", java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(otherSignature)));
      l.set(0, CanonicalJson.write(c));
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).contains(Kind.CHECKPOINT_SIGNATURE);
    assertThat(v.failures(Kind.CHECKPOINT_SIGNATURE)).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("signature does not verify"));
    assertThat(v.valid()).isFalse();
  }

  @Test
  void aCheckpointSignedByAnUntrustedKeyIsReported() throws Exception {
    BundleVerification v = BundleVerifier.verify(exportAll(), TrustedKeys.of(SigningKeys.generate().publicKey()));
    assertThat(v.failures(Kind.CHECKPOINT_SIGNATURE)).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("not a trusted key"));
  }

  @Test
  void alteredInclusionProofIsReported() throws Exception {
    Path bundle = exportDenials();
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.PROOFS, l -> {
      ObjectNode p = (ObjectNode) CanonicalJson.read(l.get(0));
      ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("partitionPath")).set(0, "00".repeat(32));
      l.set(0, CanonicalJson.write(p));
      return l;
    });
    assertThat(failedKinds(verify(tampered))).containsExactly(Kind.INCLUSION);
  }

  @Test
  void aFileThatIsNotABundleIsReportedAsFormat() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
    assertThat(failedKinds(verify(junk))).containsExactly(Kind.FORMAT);
  }

  private Path exportRequests() throws Exception {
    ExportRequest requests = new ExportRequest(null, null, null, "request", null, null, null, null);
    return exports.export(requests, dir.resolve("requests.zip"), n -> { }).bundle();
  }

  /**
   * The last entry deleted and the manifest made to match it (its range, counts and entry digest
   * recomputed, as anyone can): every remaining entry is listed and proven, so only the manifest
   * signature can tell.
   */
  @Test
  void deletedLastEventWithItsManifestEntryIsCaughtByTheManifestSignature() throws Exception {
    Path bundle = exportRequests();
    assertThat(Manifest.parse(Bundles.lines(bundle, BundleLayout.MANIFEST).get(0)).partitions())
        .allSatisfy(p -> assertThat(p.complete()).isFalse());
    EventLine deleted = EventLine.parse(Bundles.lines(bundle, BundleLayout.EVENTS).getLast());
    Path shortened = Bundles.withLines(bundle, dir.resolve("s.zip"), BundleLayout.EVENTS, l -> {
      l.remove(l.size() - 1);
      return l;
    });
    List<EventLine> kept = Bundles.lines(shortened, BundleLayout.EVENTS).stream().map(EventLine::parse).toList();
    EventListDigest digest = new EventListDigest();
    kept.forEach(e -> digest.add(e.partition(), e.sequence(), e.eventId(), e.hash()));
    Path tampered = Bundles.withLines(shortened, dir.resolve("t.zip"), BundleLayout.MANIFEST, l -> {
      Manifest m = Manifest.parse(l.get(0));
      List<Manifest.PartitionCoverage> partitions = new ArrayList<>();
      for (Manifest.PartitionCoverage p : m.partitions()) {
        if (p.partition() != deleted.partition()) {
          partitions.add(p);
          continue;
        }
        List<List<Long>> ranges = new ArrayList<>(p.ranges());
        List<Long> lastRange = ranges.removeLast();
        if (lastRange.get(0) < lastRange.get(1)) {
          ranges.add(List.of(lastRange.get(0), lastRange.get(1) - 1));
        }
        partitions.add(new Manifest.PartitionCoverage(p.partition(), p.checkpointSize(), false, p.count() - 1,
            ranges));
      }
      l.set(0, new Manifest(m.format(), m.createdAt(), m.filters(), m.checkpointId(), m.eventCount() - 1,
          m.omittedNotCheckpointed(), partitions, digest.hex()).toJson());
      return l;
    });

    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.MANIFEST_SIGNATURE);
    assertThat(v.failures(Kind.MANIFEST_SIGNATURE)).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("changed after it was signed"));
    assertThat(v.valid()).isFalse();
  }

  @Test
  void deletedLastEventAloneIsReportedByPosition() throws Exception {
    Path bundle = exportRequests();
    EventLine last = EventLine.parse(Bundles.lines(bundle, BundleLayout.EVENTS).getLast());
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.EVENTS, l -> {
      l.remove(l.size() - 1);
      return l;
    });
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.EVENT_DELETED);
    assertThat(v.failures(Kind.EVENT_DELETED)).anySatisfy(c -> assertThat(c.subject())
        .isEqualTo("partition " + last.partition() + ", sequence " + last.sequence()));
  }

  @Test
  void editedManifestIsCaught() throws Exception {
    Path tampered = Bundles.withLines(exportRequests(), dir.resolve("t.zip"), BundleLayout.MANIFEST, l -> {
      l.set(0, l.get(0).replace("\"type\":\"request\"", "\"type\":\"verdict\""));
      return l;
    });
    assertThat(Bundles.lines(tampered, BundleLayout.MANIFEST).get(0)).contains("\"type\":\"verdict\"");
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.MANIFEST_SIGNATURE);
  }

  @Test
  void manifestResignedWithAnotherKeyIsNotTrusted() throws Exception {
    SigningKey forger = SigningKeys.generate();
    Path bundle = exportRequests();
    byte[] manifest = Bundles.read(bundle).get(BundleLayout.MANIFEST);
    Path tampered = Bundles.withLines(bundle, dir.resolve("t.zip"), BundleLayout.MANIFEST_SIGNATURE,
        l -> new ArrayList<>(List.of(ManifestSignature.sign(manifest, forger).toJson())));
    BundleVerification v = verify(tampered);
    assertThat(failedKinds(v)).containsExactly(Kind.MANIFEST_SIGNATURE);
    assertThat(v.failures(Kind.MANIFEST_SIGNATURE)).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains(forger.keyId()).contains("not a trusted key"));
  }

  @Test
  void removedManifestSignatureIsCaught() throws Exception {
    Path tampered = Bundles.withLines(exportRequests(), dir.resolve("t.zip"), BundleLayout.MANIFEST_SIGNATURE,
        l -> new ArrayList<>());
    assertThat(failedKinds(verify(tampered))).containsExactly(Kind.MANIFEST_SIGNATURE);
  }

  @Test
  void untouchedFilteredBundleVerifiesWithTheExportKeyTrusted() throws Exception {
    BundleVerification v = verify(exportRequests());
    assertThat(v.failures()).isEmpty();
    assertThat(v.checks()).anySatisfy(c -> {
      assertThat(c.kind()).isEqualTo(Kind.MANIFEST);
      assertThat(c.status()).isEqualTo(Check.Status.PASS);
    });
    // the export key is not the checkpoint key: trusting the checkpoint key alone is not enough
    assertThat(failedKinds(BundleVerifier.verify(exportRequests(), TrustedKeys.of(KEY.publicKey()))))
        .containsExactly(Kind.MANIFEST_SIGNATURE);
  }
}
