package dev.witness.streams.masking.content;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.witness.streams.masking.plan.FieldRule;
import dev.witness.streams.masking.plan.JsonPosition;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Masks JSON token by token (Jackson streaming: no tree, bounded stack): strings and numbers named
 * by a field rule, or holding what a detector finds, are replaced; the output stays valid JSON
 * with the same structure. Input nested deeper than {@link #MAX_DEPTH}, malformed, or not UTF-8
 * is unparseable: the caller decides what that means in its mode.
 */
public final class JsonMasker {

  /** Far above real API responses, far below what could exhaust a stack elsewhere. */
  public static final int MAX_DEPTH = 512;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonMasker() {}

  /** The masked JSON, or empty if {@code json} cannot be parsed (then {@code tally} is to be discarded). */
  public static Optional<byte[]> mask(MaskingPlan plan, byte[] json, MaskingTally tally) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 64);
    try (JsonParser p = JSON.createParser(json); JsonGenerator g = JSON.createGenerator(out)) {
      JsonPosition pos = new JsonPosition();
      Supplier<String> path = pos::pattern;
      boolean any = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        any = true;
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            pos.nextValue();
            pos.push(t == JsonToken.START_ARRAY);
            g.copyCurrentEvent(p);
          }
          case END_OBJECT, END_ARRAY -> {
            pos.pop();
            g.copyCurrentEvent(p);
          }
          case FIELD_NAME -> {
            pos.key(p.currentName());
            g.copyCurrentEvent(p);
          }
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            pos.nextValue();
            scalar(plan, p, g, pos, path, tally);
          }
          default -> {
            pos.nextValue();
            g.copyCurrentEvent(p);
          }
        }
      }
      if (!any) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException unparseable) {
      // Malformed, truncated (a body cut into chunks), too deep, or not UTF-8.
      return Optional.empty();
    }
    return Optional.of(out.toByteArray());
  }

  private static void scalar(MaskingPlan plan, JsonParser p, JsonGenerator g, JsonPosition pos, Supplier<String> path,
      MaskingTally tally)
      throws IOException {
    FieldRule rule = plan.hasRules() ? plan.ruleForJson(pos) : null;
    String value = p.getText();
    String key = pos.nearestKey();
    String masked = ValueMasker.mask(plan, value, key, path, rule, tally);
    if (masked == value) {
      g.copyCurrentEvent(p);
    } else if (masked == null) {
      g.writeNull();
    } else {
      g.writeString(masked);
    }
  }
}
