package dev.witness.evidence.bench;

import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.CanonicalDocument;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.bundle.EventListDigest;
import dev.witness.evidence.bundle.Manifest;
import dev.witness.evidence.bundle.ManifestSignature;
import dev.witness.evidence.checkpoint.CheckpointDocument;
import dev.witness.evidence.document.EventDocument;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.CheckpointFactory;
import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.Sha256;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes a signed whole-ledger export bundle of synthetic sessions (HTTP requests, each followed
 * by its verdict), hash-chained and checkpointed like the ledger, in the exporter's exact line
 * format: the input of {@code witness bench verify}.
 */
public final class SyntheticBundle {

  private static final HexFormat HEX = HexFormat.of();
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final byte[] BODY = "{\"q\":\"smith\"}".getBytes(StandardCharsets.UTF_8);

  private SyntheticBundle() {}

  /**
   * Writes {@code entries} entries over {@code partitions} partitions to {@code bundle}, signed by
   * {@code key}.
   *
   * @param progress told the number of entries written so far, every 100,000
   */
  public static void write(Path bundle, long entries, int partitions, SigningKey key, LongConsumer progress)
      throws IOException {
    List<PartitionRoot> roots = new ArrayList<>();
    List<Manifest.PartitionCoverage> coverage = new ArrayList<>();
    long written = 0;
    EventListDigest digest = new EventListDigest();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry(BundleLayout.EVENTS));
      for (int p = 0; p < partitions; p++) {
        long size = entries / partitions + (p < entries % partitions ? 1 : 0);
        MerkleFrontier tree = new MerkleFrontier();
        byte[] previous = new byte[32];
        for (long i = 0; i < size; i++) {
          Instant at = START.plusMillis(i);
          SpecificRecord event = i % 2 == 0 ? request(p, i, at) : verdict(p, i, at);
          String schema = event.getSchema().getFullName();
          byte[] avro = avro(event);
          byte[] hash = Sha256.digest(previous, CanonicalEncoding.of(schema, avro));
          tree.append(hash);
          LedgerEntry entry = new LedgerEntry(p, i, ByteBuffer.wrap(previous), ByteBuffer.wrap(hash), at, event);
          zip.write(line(entry, schema, avro).getBytes(StandardCharsets.UTF_8));
          digest.add(p, i, EventDocument.headerOf(event).getEventId(), hash);
          zip.write('\n');
          previous = hash;
          if (++written % 100_000 == 0) {
            progress.accept(written);
          }
        }
        roots.add(new PartitionRoot(p, tree.size(), previous, tree.root()));
        coverage.add(new Manifest.PartitionCoverage(p, size, true, size, List.of(List.of(0L, size - 1))));
      }
      zip.closeEntry();
      Checkpoint checkpoint = CheckpointFactory.create(roots, START, key);
      zip.putNextEntry(new ZipEntry(BundleLayout.CHECKPOINTS));
      zip.write((CanonicalJson.write(CheckpointDocument.of(checkpoint)) + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleLayout.PROOFS));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleLayout.PUBLIC_KEYS));
      zip.write(SigningKeys.publicKeyPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
      byte[] manifest = (new Manifest(BundleLayout.FORMAT, START.toString(), Map.of(), checkpoint.getCheckpointId(),
          entries, 0, coverage, digest.hex()).toJson() + "\n").getBytes(StandardCharsets.UTF_8);
      zip.putNextEntry(new ZipEntry(BundleLayout.MANIFEST));
      zip.write(manifest);
      zip.closeEntry();
      // the bench signs the manifest with the checkpoint key; exports use their own export key
      zip.putNextEntry(new ZipEntry(BundleLayout.MANIFEST_SIGNATURE));
      zip.write((ManifestSignature.sign(manifest, key).toJson() + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  /** The exporter's line for {@code entry} ({@code EventLine.toJson()}), assembled without a tree. */
  static String line(LedgerEntry entry, String schema, byte[] avro) {
    String eventId = EventDocument.headerOf(entry.getEvent()).getEventId();
    return "{\"event\":" + CanonicalDocument.write(EventDocument.of(entry))
        + ",\"eventAvro\":\"" + Base64.getEncoder().encodeToString(avro)
        + "\",\"eventId\":\"" + eventId
        + "\",\"eventSchema\":\"" + schema
        + "\",\"hash\":\"" + HEX.formatHex(bytes(entry.getHash()))
        + "\",\"partition\":" + entry.getPartition()
        + ",\"previousHash\":\"" + HEX.formatHex(bytes(entry.getPreviousHash()))
        + "\",\"recordedAt\":\"" + entry.getRecordedAt()
        + "\",\"sequence\":" + entry.getEntrySequence() + "}";
  }

  private static EventHeader header(int partition, long index, Instant at) {
    return EventHeader.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setSessionId("bench-" + partition + "-" + index / 100)
        .setSequence(index % 100)
        .setTimestamp(at)
        .setAgent(AgentIdentity.newBuilder().setId("agent-" + partition).setIssuer("witness")
            .setDelegatingHuman("alice@example.com").build())
        .setPurpose("TICKET-42")
        .setResource("http:demo")
        .setProtocol(Protocol.HTTP)
        .setPolicyVersion("abc123")
        .build();
  }

  private static RequestIntercepted request(int partition, long index, Instant at) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(partition, index, at))
        .setRequestId("r" + index)
        .setReplyPartition(0)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("bearer-token").build())
        .setBody(HttpRequest.newBuilder()
            .setMethod("POST")
            .setPath("/customers/search")
            .setQuery("q=smith")
            .setHeaders(Map.of("content-type", "application/json"))
            .setBody(ByteBuffer.wrap(BODY))
            .setBodySize(BODY.length)
            .build())
        .build();
  }

  private static Verdict verdict(int partition, long index, Instant at) {
    return Verdict.newBuilder()
        .setHeader(header(partition, index, at))
        .setRequestId("r" + (index - 1))
        .setReplyPartition(0)
        .setDecision(Decision.ALLOW)
        .setRules(List.of("allow-reads"))
        .setMaskPlan("pii-default")
        .build();
  }

  private static byte[] avro(SpecificRecord event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
