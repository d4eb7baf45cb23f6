package dev.witness.evidence.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRowsTest {

  /** A DataRow message as the PostgreSQL wire carries it; null cells are SQL NULL. */
  static byte[] dataRow(byte[]... cells) {
    int length = 4 + 2;
    for (byte[] c : cells) {
      length += 4 + (c == null ? 0 : c.length);
    }
    ByteBuffer b = ByteBuffer.allocate(1 + length).put((byte) 'D').putInt(length).putShort((short) cells.length);
    for (byte[] c : cells) {
      if (c == null) {
        b.putInt(-1);
      } else {
        b.putInt(c.length).put(c);
      }
    }
    return b.array();
  }

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void decodesTextBinaryAndNullCells() {
    byte[] payload = concat(dataRow(text("1"), text("j***@example.com"), null),
        dataRow(text("2"), new byte[] {(byte) 0xff, 0x00}, text("Zoë")));
    List<List<String>> rows = SqlRows.decode(payload);
    assertThat(rows).containsExactly(Arrays.asList("1", "j***@example.com", null), List.of("2", "\\xff00", "Zoë"));
  }

  @Test
  void copyDataIsOneCellPerMessage() {
    byte[] line = text("1\tj***@example.com\n");
    byte[] copy = ByteBuffer.allocate(5 + line.length).put((byte) 'd').putInt(4 + line.length).put(line).array();
    assertThat(SqlRows.decode(copy)).containsExactly(List.of("1\tj***@example.com\n"));
  }

  @Test
  void truncatedPayloadsAreRefused() {
    byte[] row = dataRow(text("abc"));
    assertThatThrownBy(() -> SqlRows.decode(Arrays.copyOf(row, row.length - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> SqlRows.decode(new byte[] {'D', 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
  }
}
