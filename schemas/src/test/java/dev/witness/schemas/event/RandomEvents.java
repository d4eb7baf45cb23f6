package dev.witness.schemas.event;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds random instances of generated classes by walking their schema, so a field added to
 * the IDL is covered by the property tests without touching them.
 */
public final class RandomEvents {

  /** The top-level event types, one per topic value (ARCHITECTURE.md, "Topics"). */
  public static final List<Class<? extends SpecificRecord>> TOP_LEVEL = List.of(
      RequestIntercepted.class, ResponseChunk.class, Verdict.class, MaskedChunk.class,
      ApprovalRequested.class, ApprovalDecision.class, ApprovalDecided.class, ApprovalExpired.class,
      LedgerEntry.class, Checkpoint.class);

  // Micros up to year 2400 keep Instant arithmetic far from overflow.
  private static final long MAX_MICROS = 13_569_465_600_000_000L;
  private static final String ALPHABET = "abcXYZ019 _-./:{}\"\\\u00e9\u4e2d\ud83d\ude00";

  private RandomEvents() {}

  /** A random instance of {@code type}. */
  public static <T extends SpecificRecord> T of(Class<T> type, Random random) {
    return type.cast(value(SpecificData.get().getSchema(type), random, 0));
  }

  private static Object value(Schema schema, Random random, int depth) {
    return switch (schema.getType()) {
      case RECORD -> {
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema(), random, depth + 1));
        }
        yield record;
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        yield value(branches.get(random.nextInt(branches.size())), random, depth);
      }
      case ENUM -> {
        List<String> symbols = schema.getEnumSymbols();
        yield SpecificData.get().createEnum(symbols.get(random.nextInt(symbols.size())), schema);
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(depth > 4 ? 1 : 4); i > 0; i--) {
          items.add(value(schema.getElementType(), random, depth + 1));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          entries.put(text(random), value(schema.getValueType(), random, depth + 1));
        }
        yield entries;
      }
      case STRING -> text(random);
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(48)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt();
      case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMicros
          ? Instant.EPOCH.plus(Math.floorMod(random.nextLong(), MAX_MICROS), ChronoUnit.MICROS)
          : random.nextLong();
      case BOOLEAN -> random.nextBoolean();
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextDouble();
      case NULL -> null;
      case FIXED -> throw new IllegalArgumentException("no fixed types in the Witness schemas yet: " + schema);
    };
  }

  private static String text(Random random) {
    int length = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
    }
    return sb.toString();
  }
}
