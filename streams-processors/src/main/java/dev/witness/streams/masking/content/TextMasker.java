package dev.witness.streams.masking.content;

import dev.witness.streams.masking.plan.MaskingPlan;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Masks free text (and text that failed to parse as its declared type) by content detection. */
public final class TextMasker {

  /** The field recorded for free text. */
  public static final String TEXT_FIELD = "$text";

  private static final Supplier<String> RECORD_AS = () -> TEXT_FIELD;

  private TextMasker() {}

  /** The masked UTF-8 text; malformed UTF-8 is decoded with replacement characters first. */
  public static byte[] mask(MaskingPlan plan, byte[] utf8, MaskingTally tally) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    String masked = ValueMasker.mask(plan, text, null, RECORD_AS, null, tally);
    if (masked == text) {
      return utf8;
    }
    return (masked == null ? "" : masked).getBytes(StandardCharsets.UTF_8);
  }
}
