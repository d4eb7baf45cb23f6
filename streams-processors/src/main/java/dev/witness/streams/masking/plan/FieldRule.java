package dev.witness.streams.masking.plan;

import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.operate.Operator;

/**
 * A compiled masking rule: the fields it names, what to look for in them (null: the whole value),
 * and the operator.
 */
public record FieldRule(FieldPattern field, Detector detector, Operator operator) {

  /** Type of a value masked whole: the redaction label {@code [MASKED]}, token prefix {@code tok_masked_}. */
  public static final String WHOLE_VALUE_TYPE = "masked";

  /** The detector name recorded in {@code MaskingApplied} for a whole value. */
  public static final String WHOLE_VALUE_DETECTOR = "rule";

  public String detectorName() {
    return detector == null ? WHOLE_VALUE_DETECTOR : detector.type();
  }
}
