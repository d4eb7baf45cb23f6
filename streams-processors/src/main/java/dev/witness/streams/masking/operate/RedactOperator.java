package dev.witness.streams.masking.operate;

import java.util.Locale;

/** Replaces a value by its type in brackets: {@code [EMAIL]}. */
public final class RedactOperator implements Operator {

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public String apply(String value, String type) {
    return "[" + type.toUpperCase(Locale.ROOT) + "]";
  }
}
