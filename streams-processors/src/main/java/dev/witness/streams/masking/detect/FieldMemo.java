package dev.witness.streams.masking.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers a predicate on strings that recur across values, such as field names: detectors that
 * judge a field by its normalized name would otherwise normalize (and allocate) once per value,
 * though a result set has a handful of columns. Never keyed by a sensitive value (a JWT header
 * names an algorithm and key id, not a secret).
 */
final class FieldMemo {

  /** Field names are few; past this a flood of distinct JSON keys (or headers) is judged without caching. */
  private static final int MAX = 4096;

  private final Predicate<String> test;
  private final Map<String, Boolean> known = new ConcurrentHashMap<>();

  FieldMemo(Predicate<String> test) {
    this.test = test;
  }

  boolean test(String field) {
    if (field == null) {
      return false;
    }
    Boolean cached = known.get(field);
    if (cached != null) {
      return cached;
    }
    boolean result = test.test(field);
    if (known.size() < MAX) {
      known.put(field, result);
    }
    return result;
  }
}
