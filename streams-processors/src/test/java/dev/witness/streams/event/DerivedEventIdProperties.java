package dev.witness.streams.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.event.DerivedEventId.Kind;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DerivedEventIdProperties {

  private static final Instant ANY_TIME = Instant.parse("2026-03-01T12:00:00Z");

  @Property
  void theSameSourceAndKindAlwaysGiveTheSameId(@ForAll("v7") UUID source, @ForAll Kind kind) {
    assertThat(DerivedEventId.of(kind, source.toString(), ANY_TIME))
        .isEqualTo(DerivedEventId.of(kind, source.toString(), ANY_TIME));
  }

  @Property
  void differentSourcesGiveDifferentIds(@ForAll("v7") UUID a, @ForAll("v7") UUID b, @ForAll Kind kind) {
    Assume.that(!a.equals(b));

    assertThat(DerivedEventId.of(kind, a.toString(), ANY_TIME)).isNotEqualTo(DerivedEventId.of(kind, b.toString(), ANY_TIME));
  }

  @Property
  void differentKindsGiveDifferentIds(@ForAll("v7") UUID source, @ForAll Kind a, @ForAll Kind b) {
    Assume.that(a != b);

    assertThat(DerivedEventId.of(a, source.toString(), ANY_TIME))
        .isNotEqualTo(DerivedEventId.of(b, source.toString(), ANY_TIME));
  }

  @Property
  void isAValidUuidV7AtTheSourcesMillisecond(@ForAll("v7") UUID source, @ForAll Kind kind) {
    UUID id = DerivedEventId.of(kind, source.toString(), ANY_TIME);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(source.getMostSignificantBits() >>> 16);
    assertThat(UUID.fromString(id.toString())).isEqualTo(id);
  }

  @Property
  void keepsTheTimeOrderOfItsSources(@ForAll("v7") UUID a, @ForAll("v7") UUID b, @ForAll Kind kind) {
    long millisA = a.getMostSignificantBits() >>> 16;
    long millisB = b.getMostSignificantBits() >>> 16;
    Assume.that(millisA != millisB);
    // UUIDv7 order is the order of the canonical strings (unsigned), not UUID.compareTo (signed).
    String derivedA = DerivedEventId.of(kind, a.toString(), ANY_TIME).toString();
    String derivedB = DerivedEventId.of(kind, b.toString(), ANY_TIME).toString();

    assertThat(Integer.signum(derivedA.compareTo(derivedB))).isEqualTo(Long.signum(millisA - millisB));
  }

  @Provide
  Arbitrary<UUID> v7() {
    Arbitrary<Long> millis = Arbitraries.oneOf(
        Arbitraries.longs().between(0, (1L << 48) - 1),
        Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L));
    return Combinators.combine(millis, Arbitraries.integers().between(0, 0xFFF), Arbitraries.longs())
        .as((ms, randA, randB) -> new UUID((ms << 16) | 0x7000L | randA,
            (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L));
  }
}
