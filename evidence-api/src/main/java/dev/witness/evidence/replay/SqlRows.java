package dev.witness.evidence.replay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes the rows of a SQL response chunk (PostgreSQL wire v3 {@code DataRow} messages, or
 * {@code CopyData} lines of a {@code COPY ... TO STDOUT}) into text cells, for reading a replay.
 * A value that is not UTF-8 (a binary-format column) is shown as {@code \x} hex, SQL NULL as null.
 */
public final class SqlRows {

  /** The content type of SQL response chunks. */
  public static final String CONTENT_TYPE = "application/vnd.postgresql.wire-v3";

  private static final byte DATA_ROW = 'D';
  private static final byte COPY_DATA = 'd';
  private static final int HEADER = 5;

  private SqlRows() {}

  /**
   * The rows of a chunk payload, each a list of cells; a {@code CopyData} message is one row of
   * one cell. Throws {@link IllegalArgumentException} on a truncated or malformed payload.
   */
  public static List<List<String>> decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    List<List<String>> rows = new ArrayList<>();
    while (in.hasRemaining()) {
      if (in.remaining() < HEADER) {
        throw new IllegalArgumentException("truncated message header at byte " + in.position());
      }
      byte type = in.get();
      int length = in.getInt();
      if (length < 4 || length - 4 > in.remaining()) {
        throw new IllegalArgumentException("message length " + length + " exceeds the payload at byte "
            + (in.position() - 4));
      }
      ByteBuffer body = in.slice(in.position(), length - 4);
      in.position(in.position() + length - 4);
      if (type == DATA_ROW) {
        try {
          rows.add(dataRow(body));
        } catch (BufferUnderflowException e) {
          throw new IllegalArgumentException("truncated DataRow", e);
        }
      } else if (type == COPY_DATA) {
        rows.add(Arrays.asList(text(bytes(body, body.remaining()))));
      }
    }
    return rows;
  }

  private static List<String> dataRow(ByteBuffer body) {
    int columns = body.getShort() & 0xFFFF;
    List<String> cells = new ArrayList<>(columns);
    for (int i = 0; i < columns; i++) {
      int length = body.getInt();
      if (length < 0) {
        cells.add(null);
      } else if (length > body.remaining()) {
        throw new IllegalArgumentException("column " + i + " length " + length + " exceeds its DataRow");
      } else {
        cells.add(text(bytes(body, length)));
      }
    }
    return cells;
  }

  private static byte[] bytes(ByteBuffer body, int length) {
    byte[] out = new byte[length];
    body.get(out);
    return out;
  }

  private static String text(byte[] value) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return "\\x" + HexFormat.of().formatHex(value);
    }
  }
}
