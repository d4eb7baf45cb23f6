package dev.witness.streams.masking.content;

import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.TextFacts;
import dev.witness.streams.masking.plan.FieldDetectors;
import dev.witness.streams.masking.plan.FieldRule;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Masks a chunk of PostgreSQL backend messages as on the wire ({@code 'D'} DataRow: int32 length,
 * int16 column count, per column int32 length or -1 for NULL, then the bytes). Rows keep their count,
 * order and column count. Text-format values of text types are masked in place; a value of another
 * type or in binary format that a rule or claiming detector names becomes NULL, which every wire
 * type accepts. COPY data ({@code 'd'}) is masked as text; other messages pass unchanged.
 */
public final class SqlRowMasker {

  /** text, varchar, bpchar, name, json, jsonb (its text format). */
  static final Set<Integer> TEXT_TYPES = Set.of(25, 1043, 1042, 19, 114, 3802);

  private static final byte DATA_ROW = 'D';
  private static final byte COPY_DATA = 'd';
  private static final String NULL_OPERATOR = "null";

  private enum Action { PASS, SCAN, NULLIFY }

  /** The chunk's bytes are not a sequence of well-formed messages. */
  public static final class MalformedRows extends Exception {
    MalformedRows(String message) {
      super(message, null, false, false);
    }
  }

  private SqlRowMasker() {}

  /**
   * The masked messages of {@code payload}.
   *
   * @param columns the result's columns (from the first chunk's head); empty when unknown, then
   *     every value that is valid UTF-8 is scanned as text
   */
  public static byte[] mask(MaskingPlan plan, byte[] payload, List<SqlColumn> columns, MaskingTally tally)
      throws MalformedRows {
    int n = columns.size();
    Action[] actions = new Action[n];
    FieldRule[] rules = new FieldRule[n];
    Detector[] claimants = new Detector[n];
    FieldDetectors[] detectors = new FieldDetectors[n];
    @SuppressWarnings("unchecked")
    Supplier<String>[] names = new Supplier[n];
    for (int i = 0; i < n; i++) {
      SqlColumn c = columns.get(i);
      String name = c.getName();
      names[i] = () -> name;
      rules[i] = plan.ruleForColumn(name);
      claimants[i] = rules[i] == null ? plan.claimantOf(name) : null;
      detectors[i] = plan.detectorsFor(name);
      boolean text = c.getFormat() == 0 && TEXT_TYPES.contains(c.getTypeOid());
      actions[i] = text ? Action.SCAN : rules[i] != null || claimants[i] != null ? Action.NULLIFY : Action.PASS;
    }
    ByteBuffer in = ByteBuffer.wrap(payload);
    WireBuffer out = new WireBuffer(payload.length + 64);
    while (in.hasRemaining()) {
      if (in.remaining() < 5) {
        throw new MalformedRows("truncated message header");
      }
      int start = in.position();
      byte type = in.get();
      int length = in.getInt();
      if (length < 4 || length - 4 > in.remaining()) {
        throw new MalformedRows("message length " + length + " outside the chunk");
      }
      int end = in.position() + length - 4;
      if (type == DATA_ROW) {
        row(plan, in, end, columns, actions, rules, claimants, detectors, names, tally, payload, start, out);
      } else if (type == COPY_DATA) {
        byte[] masked = TextMasker.mask(plan, slice(payload, in.position(), end), tally);
        writeMessage(out, COPY_DATA, masked);
      } else {
        out.write(payload, start, end - start);
      }
      in.position(end);
    }
    return out.toByteArray();
  }

  private static void row(MaskingPlan plan, ByteBuffer in, int end, List<SqlColumn> columns, Action[] actions,
      FieldRule[] rules, Detector[] claimants, FieldDetectors[] detectors, Supplier<String>[] names, MaskingTally tally, byte[] payload,
      int start, WireBuffer out) throws MalformedRows {
    if (end - in.position() < 2) {
      throw new MalformedRows("DataRow without column count");
    }
    int count = in.getShort() & 0xFFFF;
    if (!columns.isEmpty() && count != columns.size()) {
      throw new MalformedRows("DataRow of " + count + " columns, head has " + columns.size());
    }
    byte[][] replaced = null;
    boolean[] nulled = null;
    int[] offsets = new int[count];
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      if (end - in.position() < 4) {
        throw new MalformedRows("DataRow truncated in column " + i);
      }
      int len = in.getInt();
      if (len < -1 || len > end - in.position()) {
        throw new MalformedRows("column " + i + " length " + len + " outside the row");
      }
      offsets[i] = in.position();
      lengths[i] = len;
      if (len > 0) {
        in.position(in.position() + len);
      }
      if (len < 0) {
        continue;
      }
      Action action = columns.isEmpty() ? Action.SCAN : actions[i];
      if (action == Action.PASS) {
        continue;
      }
      if (action == Action.NULLIFY) {
        tally.add(columns.get(i).getName(), rules[i] != null ? rules[i].detectorName()
            : plan.claimantOf(columns.get(i).getName()).type(), NULL_OPERATOR);
        nulled = nulled == null ? new boolean[count] : nulled;
        nulled[i] = true;
        continue;
      }
      TextFacts facts = null;
      if (!columns.isEmpty() && rules[i] == null && claimants[i] == null) {
        facts = TextFacts.of(payload, offsets[i], len);
        if (!detectors[i].mayFind(facts)) {
          // Nothing could be found (a short number, a word): skip decoding the value to a String.
          continue;
        }
      }
      String value = decode(payload, offsets[i], len, columns.isEmpty());
      if (value == null) {
        continue;
      }
      // Column names once per chunk: the same String each row, so its hash is computed once for the plan's lookups.
      String name = columns.isEmpty() ? "$" + (i + 1) : names[i].get();
      Supplier<String> recordAs = columns.isEmpty() ? () -> name : names[i];
      String masked = facts != null
          ? ValueMasker.maskDetected(plan, value, name, recordAs, detectors[i], facts, tally)
          : ValueMasker.mask(plan, value, name, recordAs, columns.isEmpty() ? null : rules[i], null, tally);
      if (masked != value) {
        if (masked == null) {
          nulled = nulled == null ? new boolean[count] : nulled;
          nulled[i] = true;
        } else {
          replaced = replaced == null ? new byte[count][] : replaced;
          replaced[i] = masked.getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    if (in.position() != end) {
      throw new MalformedRows("DataRow has " + (end - in.position()) + " bytes after its columns");
    }
    if (replaced == null && nulled == null) {
      out.write(payload, start, end - start);
      return;
    }
    rebuild(payload, count, offsets, lengths, replaced, nulled, out);
  }

  /** Writes the DataRow with its replaced and nulled values straight to {@code out}, unchanged runs copied whole. */
  private static void rebuild(byte[] payload, int count, int[] offsets, int[] lengths, byte[][] replaced,
      boolean[] nulled, WireBuffer out) {
    int size = 4 + 2;
    for (int i = 0; i < count; i++) {
      size += 4 + Math.max(0, valueLength(i, lengths, replaced, nulled));
    }
    out.write(DATA_ROW);
    out.writeInt(size);
    out.write(count >>> 8);
    out.write(count);
    // Unchanged columns keep their length prefix and bytes where they are: copy them as one run.
    int runFrom = offsets.length == 0 ? 0 : offsets[0] - 4;
    int runTo = runFrom;
    for (int i = 0; i < count; i++) {
      boolean changed = (nulled != null && nulled[i]) || (replaced != null && replaced[i] != null);
      int columnEnd = offsets[i] + Math.max(0, lengths[i]);
      if (!changed) {
        runTo = columnEnd;
        continue;
      }
      out.write(payload, runFrom, runTo - runFrom);
      int len = valueLength(i, lengths, replaced, nulled);
      out.writeInt(len);
      if (len > 0) {
        out.write(replaced[i], 0, len);
      }
      runFrom = columnEnd;
      runTo = columnEnd;
    }
    out.write(payload, runFrom, runTo - runFrom);
  }

  private static int valueLength(int i, int[] lengths, byte[][] replaced, boolean[] nulled) {
    if (nulled != null && nulled[i]) {
      return -1;
    }
    return replaced != null && replaced[i] != null ? replaced[i].length : lengths[i];
  }

  /** The value as text; with {@code strictUtf8}, null when it is not UTF-8 (a binary value of an unknown column). */
  private static String decode(byte[] payload, int offset, int len, boolean strictUtf8) {
    if (!strictUtf8) {
      return new String(payload, offset, len, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload, offset, len)).toString();
    } catch (java.nio.charset.CharacterCodingException binary) {
      return null;
    }
  }

  private static byte[] slice(byte[] payload, int from, int to) {
    return java.util.Arrays.copyOfRange(payload, from, to);
  }

  private static void writeMessage(WireBuffer out, byte type, byte[] body) {
    out.write(type);
    out.writeInt(body.length + 4);
    out.writeBytes(body);
  }
}
