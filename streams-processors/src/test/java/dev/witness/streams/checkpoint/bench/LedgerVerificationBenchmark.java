package dev.witness.streams.checkpoint.bench;

import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.ChainVerification;
import dev.witness.schemas.proof.ChainVerifier;
import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.MerkleTree;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the offline verifier does per ledger entry, timed over 1,000,000 entries of one partition:
 * recompute each entry's hash from its previous hash and the canonical bytes of its event, check
 * the links and sequences, and fold the hashes into the partition's RFC 6962 root. Also times one
 * inclusion path streamed over the same million hashes (what {@code /v1/events/{id}/proof} does).
 * Prints the figures; asserts nothing about speed. Run with
 * {@code ./mvnw -q -pl streams-processors -Pbenchmark verify} or, alone, via exec:exec with
 * this class (see docs/operations.md). Optional argument: the number of entries.
 */
public final class LedgerVerificationBenchmark {

  private static final int DISTINCT_EVENTS = 1_000;
  private static final int RUNS = 5;

  private LedgerVerificationBenchmark() {}

  public static void main(String[] args) {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    byte[][] events = canonicalEvents();
    long eventBytes = 0;
    byte[][] hashes = new byte[entries][];
    byte[] previous = new byte[32];
    for (int i = 0; i < entries; i++) {
      byte[] event = events[i % DISTINCT_EVENTS];
      eventBytes += event.length;
      hashes[i] = ChainVerifier.entryHash(previous, event);
      previous = hashes[i];
    }
    MerkleFrontier expected = new MerkleFrontier();
    for (byte[] hash : hashes) {
      expected.append(hash);
    }
    byte[] root = expected.root();
    System.out.printf("ledger verification: %,d entries of one partition, %,d bytes of canonical events (%d per entry)%n",
        entries, eventBytes, eventBytes / entries);
    System.out.printf("%-34s %10s %14s %10s%n", "run", "seconds", "entries/s", "MB/s");
    for (int run = -2; run < RUNS; run++) {
      long started = System.nanoTime();
      ChainVerifier chain = ChainVerifier.fromGenesis();
      MerkleFrontier tree = new MerkleFrontier();
      byte[] before = new byte[32];
      for (int i = 0; i < entries; i++) {
        chain.accept(i, before, hashes[i], events[i % DISTINCT_EVENTS]);
        tree.append(hashes[i]);
        before = hashes[i];
      }
      ChainVerification result = chain.result();
      boolean rootMatches = Arrays.equals(tree.root(), root);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!result.valid() || !rootMatches) {
        throw new IllegalStateException("verification failed: " + result + ", root matches " + rootMatches);
      }
      System.out.printf("%-34s %10.3f %,14.0f %10.1f%n", run < 0 ? "chain + Merkle root (warm-up)" : "chain + Merkle root",
          seconds, entries / seconds, eventBytes / 1e6 / seconds);
    }
    List<byte[]> leaves = Arrays.asList(hashes);
    for (int run = 0; run < 3; run++) {
      long started = System.nanoTime();
      int index = entries / 3 + run;
      List<byte[]> path = MerkleTree.inclusionPath(leaves, index);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!MerkleTree.verifyInclusion(hashes[index], index, entries, path, root)) {
        throw new IllegalStateException("the inclusion path does not verify");
      }
      System.out.printf("%-34s %10.3f %,14.0f %10s%n", "inclusion path (" + path.size() + " hashes)",
          seconds, entries / seconds, "-");
    }
  }

  /** Canonical bytes of HTTP requests with a 512-byte JSON body, a typical recorded request. */
  private static byte[][] canonicalEvents() {
    byte[][] events = new byte[DISTINCT_EVENTS][];
    String body = "{\"customer\":" + "\"x\",".repeat(120) + "\"end\":true}";
    for (int i = 0; i < DISTINCT_EVENTS; i++) {
      RequestIntercepted request = TestEvents.http("session-" + i, i, "POST", "/customers/" + i, 0);
      HttpRequest http = HttpRequest.newBuilder((HttpRequest) request.getBody())
          .setBody(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
          .build();
      events[i] = CanonicalEncoding.encode(RequestIntercepted.newBuilder(request).setBody(http).build());
    }
    return events;
  }
}
