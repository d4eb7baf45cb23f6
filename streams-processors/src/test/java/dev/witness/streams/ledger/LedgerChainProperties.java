package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.proof.ChainVerification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LedgerChainProperties {

  @Property
  void changingAnyBitOfAnyEventChangesItsHashAndEveryLaterHash(
      @ForAll @Size(min = 1, max = 12) List<@Size(min = 1, max = 40) byte[]> events,
      @ForAll @IntRange(min = 0, max = 1000) int pick, @ForAll @IntRange(min = 0, max = 319) int bit) {
    int index = pick % events.size();
    List<byte[]> tampered = new ArrayList<>(events.stream().map(byte[]::clone).toList());
    byte[] target = tampered.get(index);
    int b = bit % (target.length * 8);
    target[b / 8] ^= (byte) (1 << (b % 8));

    List<byte[]> original = hashes(events);
    List<byte[]> changed = hashes(tampered);

    for (int i = 0; i < events.size(); i++) {
      assertThat(Arrays.equals(original.get(i), changed.get(i))).as("hash %d", i).isEqualTo(i < index);
    }
  }

  @Property(tries = 200)
  void aChainBuiltByAppendingVerifies(@ForAll("verdicts") List<Verdict> events) {
    assertThat(LedgerChain.verify(LedgerChainTest.chain(0, events))).isEqualTo(ChainVerification.intact(events.size()));
  }

  @Property(tries = 200)
  void removingAnyEntryButTheLastIsDetected(
      @ForAll("verdicts") List<Verdict> events, @ForAll @IntRange(min = 0, max = 1000) int pick) {
    Assume.that(events.size() >= 2);
    int removed = pick % (events.size() - 1);
    List<LedgerEntry> entries = new ArrayList<>(LedgerChainTest.chain(0, events));
    entries.remove(removed);

    assertThat(LedgerChain.verify(entries).verifiedEntries()).isEqualTo(removed);
  }

  @Property(tries = 200)
  void swappingTwoEntriesIsDetected(
      @ForAll("verdicts") List<Verdict> events,
      @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 0, max = 1000) int b) {
    Assume.that(a % events.size() != b % events.size());
    int i = Math.min(a % events.size(), b % events.size());
    int j = Math.max(a % events.size(), b % events.size());
    List<LedgerEntry> entries = new ArrayList<>(LedgerChainTest.chain(0, events));
    Collections.swap(entries, i, j);

    assertThat(LedgerChain.verify(entries).verifiedEntries()).isEqualTo(i);
  }

  @Property(tries = 200)
  void changingAnyEventFieldIsDetected(
      @ForAll("verdicts") List<Verdict> events, @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll("verdicts") List<Verdict> replacements) {
    int index = pick % events.size();
    Verdict replacement = replacements.get(0);
    Assume.that(!replacement.equals(events.get(index)));
    List<LedgerEntry> entries = new ArrayList<>(LedgerChainTest.chain(0, events));
    entries.set(index, LedgerEntry.newBuilder(entries.get(index)).setEvent(replacement).build());

    assertThat(LedgerChain.verify(entries).verifiedEntries()).isEqualTo(index);
  }

  @Provide
  Arbitrary<List<Verdict>> verdicts() {
    Arbitrary<String> text = Arbitraries.strings().alpha().numeric().ofMaxLength(6);
    Arbitrary<Verdict> verdict = Combinators.combine(
            text, text, Arbitraries.longs().between(0, 1000), Arbitraries.of(Decision.class),
            text.list().ofMaxSize(2), text.injectNull(0.5))
        .as((session, request, sequence, decision, rules, reason) -> Verdict.newBuilder()
            .setHeader(EventHeader.newBuilder()
                .setEventId(session + "-" + sequence)
                .setSessionId(session)
                .setSequence(sequence)
                .setTimestamp(Instant.ofEpochSecond(1_770_000_000L, sequence * 1000))
                .setAgent(AgentIdentity.newBuilder().setId("agent").build())
                .setResource("http:demo")
                .setProtocol(Protocol.HTTP)
                .build())
            .setRequestId(request)
            .setReplyPartition(0)
            .setDecision(decision)
            .setRules(rules)
            .setReason(reason)
            .build());
    return verdict.list().ofMinSize(1).ofMaxSize(20);
  }

  private static List<byte[]> hashes(List<byte[]> events) {
    List<byte[]> hashes = new ArrayList<>();
    ChainHead head = ChainHead.genesis();
    for (byte[] event : events) {
      ChainLink link = head.append(event);
      hashes.add(link.hash());
      head = link.next();
    }
    return hashes;
  }
}
