package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ChainedEventSerdeTest {

  private final ChainedEventSerde serde = new ChainedEventSerde();

  @Test
  void roundTripsAChainedEventAtMicrosecondPrecision() {
    ChainedEvent chained = new ChainedEvent(7, 123_456_789_012L, Instant.parse("2026-03-01T12:00:00.123456789Z"));

    byte[] bytes = serde.serializer().serialize("t", chained);

    assertThat(bytes).hasSize(21);
    assertThat(serde.deserializer().deserialize("t", bytes))
        .isEqualTo(new ChainedEvent(7, 123_456_789_012L, Instant.parse("2026-03-01T12:00:00.123456Z")));
  }

  @Test
  void passesNullThrough() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void rejectsBytesOfAnotherFormat() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[20]))
        .isInstanceOf(SerializationException.class);
    byte[] wrongVersion = serde.serializer().serialize("t", new ChainedEvent(0, 0, Instant.EPOCH));
    wrongVersion[0] = 2;
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongVersion))
        .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
  }
}
