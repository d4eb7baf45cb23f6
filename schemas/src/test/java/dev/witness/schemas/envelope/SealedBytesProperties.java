package dev.witness.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.envelope.EnvelopeException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SealedBytesProperties {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] AAD = "masking-held-json".getBytes(StandardCharsets.UTF_8);
  private final DataKey key = DataKeyRingFile.newKey(Clock.systemUTC(), RANDOM);
  private final DataKeyRing ring = DataKeyRing.of(List.of(key), key.id());

  @Property(tries = 300)
  void anyBytesOpenToWhatWasSealed(@ForAll @Size(max = 4096) byte[] plain) throws Exception {
    assertThat(SealedBytes.open(SealedBytes.seal(plain, AAD, key, RANDOM), AAD, ring)).isEqualTo(plain);
  }

  @Property(tries = 300)
  void anyFlippedBitIsRefused(@ForAll @Size(max = 512) byte[] plain, @ForAll @IntRange(min = 0, max = 100_000) int at,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] sealed = SealedBytes.seal(plain, AAD, key, RANDOM);
    sealed[at % sealed.length] ^= (byte) (1 << bit);

    assertThatThrownBy(() -> SealedBytes.open(sealed, AAD, ring)).isInstanceOf(EnvelopeException.class);
  }

  @Property(tries = 100)
  void otherAadOrAnUnknownKeyIsRefused(@ForAll @Size(max = 256) byte[] plain) {
    byte[] sealed = SealedBytes.seal(plain, AAD, key, RANDOM);
    DataKey other = DataKeyRingFile.newKey(Clock.systemUTC(), RANDOM);

    assertThatThrownBy(() -> SealedBytes.open(sealed, "other".getBytes(StandardCharsets.UTF_8), ring))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUTHENTIC));
    assertThatThrownBy(() -> SealedBytes.open(sealed, AAD, DataKeyRing.of(List.of(other), other.id())))
        .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
  }

  /** One thread's cipher serves every call: a refused open or another key leaves nothing behind for the next. */
  @Property(tries = 100)
  void aRefusalOrAnotherKeyDoesNotDisturbTheNextCallOnTheSameThread(@ForAll @Size(max = 256) byte[] plain,
      @ForAll @IntRange(min = 0, max = 100_000) int at) throws Exception {
    DataKey other = DataKeyRingFile.newKey(Clock.systemUTC(), RANDOM);
    DataKeyRing both = DataKeyRing.of(List.of(key, other), key.id());
    byte[] tampered = SealedBytes.seal(plain, AAD, key, RANDOM);
    tampered[at % tampered.length] ^= 1;
    assertThatThrownBy(() -> SealedBytes.open(tampered, AAD, both)).isInstanceOf(EnvelopeException.class);

    byte[] first = SealedBytes.seal(plain, AAD, key, RANDOM);
    byte[] second = SealedBytes.seal(plain, AAD, other, RANDOM);
    byte[] again = SealedBytes.seal(plain, AAD, key, RANDOM);

    assertThat(again).isNotEqualTo(first);
    assertThat(SealedBytes.open(second, AAD, both)).isEqualTo(plain);
    assertThat(SealedBytes.open(first, AAD, both)).isEqualTo(plain);
    assertThat(SealedBytes.open(again, AAD, both)).isEqualTo(plain);
  }
}
