package dev.witness.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

  @Test
  void readsTheBigEndianSchemaIdAfterTheMagicByte() {
    assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 0, 1})).isEqualTo(1);
    assertThat(WireFormat.schemaId(new byte[] {0, 0x01, 0x02, 0x03, 0x04, 42})).isEqualTo(0x01020304);
    assertThat(WireFormat.schemaId(new byte[] {0, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void rejectsValuesShorterThanTheHeader(int length) {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[length]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not in the Confluent wire format")
        .hasMessageContaining(length + " bytes");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> WireFormat.schemaId(null))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("null");
  }

  @ParameterizedTest
  @ValueSource(bytes = {1, 2, '{', -1})
  void rejectsAnyOtherMagicByte(byte magic) {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {magic, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte " + magic)
        .hasMessageContaining("expected 0");
  }

  @Test
  void plainJsonIsNotMistakenForAnAvroValue() {
    byte[] json = "{\"decision\":\"ALLOW\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> WireFormat.schemaId(json)).isInstanceOf(SerializationException.class);
  }
}
