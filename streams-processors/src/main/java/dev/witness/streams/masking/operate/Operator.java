package dev.witness.streams.masking.operate;

/** Replaces one sensitive value; never logs or keeps it. */
public interface Operator {

  /** The operator's name in configuration and in {@code MaskingApplied}. */
  String name();

  /**
   * The replacement of {@code value}, a value of {@code type}; null asks for a SQL NULL or JSON
   * null where the value stands alone, and for nothing where it is part of a longer text.
   */
  String apply(String value, String type);
}
