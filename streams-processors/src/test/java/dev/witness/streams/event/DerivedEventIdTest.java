package dev.witness.streams.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import dev.witness.streams.event.DerivedEventId.Kind;
import dev.witness.streams.testing.TestEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerivedEventIdTest {

  private static final String SOURCE = "019ca9a4-8c00-7abc-9def-0123456789ab";
  private static final Instant SOURCE_TIME = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void isTheSameForTheSameSourceAndKind() {
    assertThat(DerivedEventId.of(Kind.VERDICT, SOURCE, SOURCE_TIME))
        .isEqualTo(DerivedEventId.of(Kind.VERDICT, SOURCE, SOURCE_TIME.plusSeconds(5)));
  }

  @Test
  void differsByKindAndBySource() {
    UUID verdict = DerivedEventId.of(Kind.VERDICT, SOURCE, SOURCE_TIME);

    assertThat(DerivedEventId.of(Kind.MASKED_CHUNK, SOURCE, SOURCE_TIME)).isNotEqualTo(verdict);
    assertThat(DerivedEventId.of(Kind.VERDICT, SOURCE.replace("ab", "ac"), SOURCE_TIME)).isNotEqualTo(verdict);
  }

  @Test
  void isAVersion7RfcVariantUuidWithTheSourcesMillisecondPrefix() {
    UUID id = DerivedEventId.of(Kind.VERDICT, SOURCE, SOURCE_TIME);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.toString()).startsWith("019ca9a4-8c00-7");
  }

  @Test
  void layoutIsPinned() {
    // Ids already in the ledger were computed this way; a change to the layout or a label would give
    // old answers new ids when they are replayed after an upgrade. SHA-256("verdict:" + SOURCE) is
    // c2f7062afea36ed2b9a7...: rand_a takes 0x2f7, rand_b 0x062afea36ed2b9a7 under the variant bits.
    assertThat(DerivedEventId.of(Kind.VERDICT, SOURCE, SOURCE_TIME)).hasToString("019ca9a4-8c00-72f7-862a-fea36ed2b9a7");
    assertThat(DerivedEventId.of(Kind.MASKED_CHUNK, SOURCE, SOURCE_TIME))
        .hasToString("019ca9a4-8c00-7170-a3bb-ec7332ac3a3a");
  }

  @Test
  void takesThePrefixFromTheSourceTimeWhenTheSourceIdIsNoUuidV7() {
    UUID fromV4 = DerivedEventId.of(Kind.VERDICT, "6f1c2e7a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", SOURCE_TIME);
    UUID fromText = DerivedEventId.of(Kind.VERDICT, "not a uuid", SOURCE_TIME);

    assertThat(fromV4.getMostSignificantBits() >>> 16).isEqualTo(SOURCE_TIME.toEpochMilli());
    assertThat(fromText.getMostSignificantBits() >>> 16).isEqualTo(SOURCE_TIME.toEpochMilli());
    assertThat(fromText.version()).isEqualTo(7);
    assertThat(DerivedEventId.of(Kind.VERDICT, "x", Instant.parse("1960-01-01T00:00:00Z"))
        .getMostSignificantBits() >>> 16).isZero();
  }

  @Test
  void fromAHeaderIsTheCanonicalStringOfTheIdFromItsIdAndTime() {
    EventHeader header = TestEvents.header("s-1", 4, "agent-1", Protocol.HTTP);

    assertThat(DerivedEventId.of(Kind.MASKED_CHUNK, header))
        .isEqualTo(DerivedEventId.of(Kind.MASKED_CHUNK, header.getEventId(), header.getTimestamp()).toString());
  }

  @Test
  void needsAKindAndASourceId() {
    assertThatNullPointerException().isThrownBy(() -> DerivedEventId.of(null, SOURCE, SOURCE_TIME));
    assertThatNullPointerException().isThrownBy(() -> DerivedEventId.of(Kind.VERDICT, null, SOURCE_TIME));
  }
}
