package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  @Test
  void anIntactChainVerifiesWhole() {
    assertThat(ChainVerifier.verify(ProofFixtures.chain(0, 5))).isEqualTo(ChainVerification.intact(5));
    assertThat(ChainVerifier.verify(List.of())).isEqualTo(ChainVerification.intact(0));
  }

  @Test
  void aRemovedEntryIsAGap() {
    List<LedgerEntry> entries = new ArrayList<>(ProofFixtures.chain(0, 5));
    entries.remove(2);

    ChainVerification result = ChainVerifier.verify(entries);

    assertThat(result.verifiedEntries()).isEqualTo(2);
    assertThat(result.problem()).startsWith("entry 2: sequence 3 where 2 was expected");
  }

  @Test
  void reorderedEntriesBreakTheChain() {
    List<LedgerEntry> entries = new ArrayList<>(ProofFixtures.chain(0, 5));
    Collections.swap(entries, 1, 3);

    assertThat(ChainVerifier.verify(entries).verifiedEntries()).isEqualTo(1);
  }

  @Test
  void anAlteredEventNoLongerMatchesItsHash() {
    List<LedgerEntry> entries = new ArrayList<>(ProofFixtures.chain(0, 3));
    RequestIntercepted altered = RequestIntercepted.newBuilder((RequestIntercepted) entries.get(1).getEvent())
        .setRequestId("forged").build();
    entries.set(1, LedgerEntry.newBuilder(entries.get(1)).setEvent(altered).build());

    ChainVerification result = ChainVerifier.verify(entries);

    assertThat(result.verifiedEntries()).isEqualTo(1);
    assertThat(result.problem()).contains("hash does not match the event");
  }

  @Test
  void aRehashedEntryNoLongerLinksToItsSuccessor() {
    List<LedgerEntry> entries = new ArrayList<>(ProofFixtures.chain(0, 3));
    LedgerEntry original = entries.get(1);
    RequestIntercepted altered = RequestIntercepted.newBuilder((RequestIntercepted) original.getEvent())
        .setRequestId("forged").build();
    byte[] rehashed = ChainVerifier.entryHash(PartitionRoot.bytes(original.getPreviousHash()), CanonicalEncoding.encode(altered));
    entries.set(1, LedgerEntry.newBuilder(original).setEvent(altered).setHash(ByteBuffer.wrap(rehashed)).build());

    ChainVerification result = ChainVerifier.verify(entries);

    assertThat(result.verifiedEntries()).isEqualTo(2);
    assertThat(result.problem()).contains("previousHash");
  }

  @Test
  void entriesOfAnotherPartitionBreakTheChain() {
    List<LedgerEntry> entries = new ArrayList<>(ProofFixtures.chain(0, 2));
    entries.add(ProofFixtures.chain(1, 3).get(2));

    assertThat(ChainVerifier.verify(entries).problem()).contains("partition 1");
  }

  @Test
  void continuesFromAKnownHead() {
    List<LedgerEntry> entries = ProofFixtures.chain(0, 6);
    ChainVerifier verifier = ChainVerifier.continuing(3, PartitionRoot.bytes(entries.get(2).getHash()));

    assertThat(ChainVerifier.verify(verifier, entries.subList(3, 6)).valid()).isTrue();
    assertThat(verifier.nextSequence()).isEqualTo(6);
    assertThat(verifier.lastHash()).isEqualTo(PartitionRoot.bytes(entries.get(5).getHash()));
    assertThat(ChainVerifier.verify(entries.subList(3, 6)).valid()).isFalse();
  }

  @Test
  void verifiesFromStoredAvroBytesWithoutDecoding() throws Exception {
    List<LedgerEntry> entries = ProofFixtures.chain(0, 4);
    ChainVerifier verifier = ChainVerifier.fromGenesis();
    for (LedgerEntry entry : entries) {
      SpecificRecord event = (SpecificRecord) entry.getEvent();
      byte[] avro = ((RequestIntercepted) event).toByteBuffer().array();
      // The single-object encoding adds a 10-byte header (marker and fingerprint) before the binary body.
      byte[] body = Arrays.copyOfRange(avro, 10, avro.length);
      verifier.accept(entry.getEntrySequence(), PartitionRoot.bytes(entry.getPreviousHash()),
          PartitionRoot.bytes(entry.getHash()), CanonicalEncoding.of(event.getSchema().getFullName(), body));
    }

    assertThat(verifier.result()).isEqualTo(ChainVerification.intact(4));
  }

  @Test
  void staysBrokenAfterTheFirstProblem() {
    List<LedgerEntry> entries = ProofFixtures.chain(0, 3);
    ChainVerifier verifier = ChainVerifier.fromGenesis();

    assertThat(verifier.accept(entries.get(1))).isFalse();
    assertThat(verifier.accept(entries.get(0))).isFalse();
    assertThat(verifier.result().verifiedEntries()).isZero();
  }
}
