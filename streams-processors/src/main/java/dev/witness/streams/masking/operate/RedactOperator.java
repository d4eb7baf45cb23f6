package dev.witness.streams.masking.operate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Replaces a value by its type in brackets: {@code [EMAIL]}. */
public final class RedactOperator implements Operator {

  private static final int MAX_LABELS = 256;

  @Override
  public String name() {
    return "redact";
  }

  /** Labels by type: types are few, and a label is built once rather than per masked value. */
  private final Map<String, String> labels = new ConcurrentHashMap<>();

  @Override
  public String apply(String value, String type) {
    String label = labels.get(type);
    if (label == null) {
      label = "[" + type.toUpperCase(Locale.ROOT) + "]";
      if (labels.size() < MAX_LABELS) {
        labels.put(type, label);
      }
    }
    return label;
  }
}
