package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParameterTextTest {

  @Test
  void textValuesAreKeptAndNullStaysNull() {
    assertThat(ParameterText.render("héllo".getBytes(StandardCharsets.UTF_8), (short) 0, 0)).isEqualTo("héllo");
    assertThat(ParameterText.render(null, (short) 1, ParameterText.INT4)).isNull();
  }

  @Test
  void binaryValuesOfKnownTypesAreDecoded() {
    assertThat(ParameterText.render(ByteBuffer.allocate(4).putInt(-7).array(), (short) 1, ParameterText.INT4))
        .isEqualTo("-7");
    assertThat(ParameterText.render(ByteBuffer.allocate(8).putLong(1L << 40).array(), (short) 1, ParameterText.INT8))
        .isEqualTo("1099511627776");
    assertThat(ParameterText.render(new byte[] {1}, (short) 1, ParameterText.BOOL)).isEqualTo("t");
    assertThat(ParameterText.render(new byte[] {0, (byte) 0xff}, (short) 1, ParameterText.BYTEA)).isEqualTo("\\x00ff");
    UUID id = UUID.randomUUID();
    byte[] uuid = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
        .array();
    assertThat(ParameterText.render(uuid, (short) 1, ParameterText.UUID_OID)).isEqualTo(id.toString());
    assertThat(ParameterText.render("\u0001{}".getBytes(StandardCharsets.UTF_8), (short) 1, ParameterText.JSONB))
        .isEqualTo("{}");
  }

  @Test
  void binaryValuesOfUnknownOrMalformedTypesAreBase64() {
    assertThat(ParameterText.render(new byte[] {1, 2, 3}, (short) 1, 1700)).isEqualTo("base64:AQID");
    assertThat(ParameterText.render(new byte[] {1, 2, 3}, (short) 1, ParameterText.INT4)).isEqualTo("base64:AQID");
  }
}
