package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ChainHeadSerdeTest {

  private final ChainHeadSerde serde = new ChainHeadSerde();

  @Test
  void roundTripsAHead() {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) 0x5a);
    ChainHead head = new ChainHead(123_456_789_012L, hash);

    byte[] bytes = serde.serializer().serialize("t", head);

    assertThat(bytes).hasSize(41);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(head);
  }

  @Test
  void passesNullThrough() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void rejectsBytesOfAnotherFormat() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[40]))
        .isInstanceOf(SerializationException.class);
    byte[] wrongVersion = serde.serializer().serialize("t", ChainHead.genesis());
    wrongVersion[0] = 2;
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongVersion))
        .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
  }
}
