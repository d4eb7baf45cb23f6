package dev.witness.streams.masking.content;

import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.Span;
import dev.witness.streams.masking.detect.TextFacts;
import dev.witness.streams.masking.operate.Operator;
import dev.witness.streams.masking.plan.FieldDetectors;
import dev.witness.streams.masking.plan.FieldRule;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.util.List;
import java.util.function.Supplier;

/**
 * Masks one text value, the unit shared by free text, JSON strings and SQL text columns: a field
 * rule, else a detector claiming the field, else content detection. Returns the value itself when
 * nothing was found, and null when the value must become SQL NULL / JSON null.
 */
public final class ValueMasker {

  private ValueMasker() {}

  /**
   * @param field the column name or JSON key (detectors' context), null for free text
   * @param recordAs the field as recorded in {@code MaskingApplied} (column name, JSON path pattern),
   *     computed only when something is masked
   * @param rule the field rule naming this value, or null
   */
  public static String mask(MaskingPlan plan, String value, String field, Supplier<String> recordAs, FieldRule rule,
      MaskingTally tally) {
    return mask(plan, value, field, recordAs, rule, null, tally);
  }

  /** Like the method above; {@code facts} are the value's facts when already gathered, else null. */
  public static String mask(MaskingPlan plan, String value, String field, Supplier<String> recordAs, FieldRule rule,
      TextFacts facts, MaskingTally tally) {
    if (rule != null) {
      if (rule.detector() == null) {
        tally.add(recordAs.get(), FieldRule.WHOLE_VALUE_DETECTOR, rule.operator().name());
        return rule.operator().apply(value, FieldRule.WHOLE_VALUE_TYPE);
      }
      return replace(value, MaskingPlan.scan(rule.detector(), value, field), rule.operator(), recordAs, tally);
    }
    Detector claimant = field == null ? null : plan.claimantOf(field);
    if (claimant != null) {
      Operator op = plan.operatorFor(claimant.type());
      tally.add(recordAs.get(), claimant.type(), op.name());
      return op.apply(value, claimant.type());
    }
    List<Span> spans = facts == null ? plan.scan(value, field) : plan.scan(value, field, facts);
    if (spans.isEmpty()) {
      return value;
    }
    return replace(value, spans, null, plan, recordAs, tally);
  }

  /**
   * Content detection alone, for a value of a field that no rule names and no detector claims (the
   * caller checked both once for the field), with the field's detectors and the value's facts at hand.
   */
  public static String maskDetected(MaskingPlan plan, String value, String field, Supplier<String> recordAs,
      FieldDetectors detectors, TextFacts facts, MaskingTally tally) {
    List<Span> spans = plan.scan(value, field, facts, detectors);
    if (spans.isEmpty()) {
      return value;
    }
    return replace(value, spans, null, plan, recordAs, tally);
  }

  private static String replace(String value, List<Span> spans, Operator op, Supplier<String> recordAs, MaskingTally tally) {
    return spans.isEmpty() ? value : replace(value, spans, op, null, recordAs, tally);
  }

  /** {@code value} with each span replaced; a span covering the whole value may turn it null. */
  private static String replace(String value, List<Span> spans, Operator fixed, MaskingPlan plan, Supplier<String> recordAs,
      MaskingTally tally) {
    StringBuilder sb = new StringBuilder(value.length());
    int at = 0;
    for (Span s : spans) {
      Operator op = fixed != null ? fixed : plan.operatorFor(s.type());
      String replacement = op.apply(value.substring(s.start(), s.end()), s.type());
      tally.add(recordAs.get(), s.type(), op.name());
      if (replacement == null && spans.size() == 1 && s.start() == 0 && s.end() == value.length()) {
        return null;
      }
      sb.append(value, at, s.start());
      if (replacement != null) {
        sb.append(replacement);
      }
      at = s.end();
    }
    return sb.append(value, at, value.length()).toString();
  }
}
