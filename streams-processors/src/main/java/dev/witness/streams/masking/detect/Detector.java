package dev.witness.streams.masking.detect;

import java.util.List;

/** Finds values of one type in a text, validating each candidate rather than trusting a pattern. */
public interface Detector {

  /** The type of what it finds, e.g. {@code email}; also the detector's name in configuration. */
  String type();

  /**
   * Adds the spans of {@code text} holding values of this type to {@code out}, in any order.
   *
   * @param field the column name or JSON key the text is the value of, or null for free text; some
   *     detectors need it as context (a secret field, an AWS secret key next to its name)
   */
  void find(String text, String field, List<Span> out);

  /**
   * False when {@code facts} show the text cannot hold a value of this type (too short, no
   * {@code @}, too few digits), so {@link #find} need not run; true when unsure. Admitted by any
   * of {@link #gates()}.
   */
  default boolean mayMatch(TextFacts facts) {
    for (FactsGate gate : gates()) {
      if (gate.admits(facts)) {
        return true;
      }
    }
    return false;
  }

  /** The alternatives of facts a text needs for this detector to find anything in it; any one suffices. */
  default List<FactsGate> gates() {
    return List.of(FactsGate.ANY);
  }

  /**
   * False when no value of {@code field} (a column name or JSON key, null for free text) can hold
   * what this detector finds, e.g. a secret detector that looks only in fields named like secrets;
   * asked once per field, so values of other fields skip it. True when unsure.
   */
  default boolean mayMatchField(String field) {
    return true;
  }

  /** Whether this detector masks whole values of {@code field} whatever their type (e.g. date of birth). */
  default boolean claimsField(String field) {
    return false;
  }
}
