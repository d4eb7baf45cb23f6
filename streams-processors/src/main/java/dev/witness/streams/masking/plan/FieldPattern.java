package dev.witness.streams.masking.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which fields a rule names: a plain name matches a SQL column or a JSON member of that name
 * anywhere (ignoring case); a path ({@code $.customers[*].email}, {@code $.items[0].card}) matches
 * JSON members at exactly that position.
 */
public final class FieldPattern {

  private static final String ANY_INDEX = "[*]";

  private final String name;
  private final List<String> segments;

  private FieldPattern(String name, List<String> segments) {
    this.name = name;
    this.segments = segments;
  }

  /** Parses {@code field}; throws naming the problem when a path is malformed. */
  public static FieldPattern parse(String field) {
    if (!field.startsWith("$")) {
      return new FieldPattern(field.toLowerCase(Locale.ROOT), null);
    }
    List<String> segments = new ArrayList<>();
    int i = 1;
    while (i < field.length()) {
      char c = field.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty key in JSON path " + field);
        }
        segments.add(field.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = field.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in JSON path " + field);
        }
        String index = field.substring(i + 1, end);
        if (!index.equals("*") && !index.matches("\\d+")) {
          throw new IllegalArgumentException("index must be * or a number in JSON path " + field);
        }
        segments.add("[" + index + "]");
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in JSON path " + field);
      }
    }
    return new FieldPattern(null, List.copyOf(segments));
  }

  /** Whether this names SQL column {@code column}. */
  public boolean matchesColumn(String column) {
    return name != null && name.equalsIgnoreCase(column);
  }

  /** Whether this names the JSON value at {@code position}. */
  public boolean matchesJson(JsonPosition position) {
    if (name != null) {
      String key = position.nearestKey();
      return key != null && name.equalsIgnoreCase(key);
    }
    if (segments.size() != position.depth()) {
      return false;
    }
    for (int level = 0; level < segments.size(); level++) {
      String segment = segments.get(level);
      boolean indexSegment = segment.startsWith("[");
      if (indexSegment != position.isArray(level)) {
        return false;
      }
      if (indexSegment ? !segment.equals(ANY_INDEX) && Integer.parseInt(segment, 1, segment.length() - 1, 10)
          != position.index(level) : !segment.equals("*") && !segment.equals(position.key(level))) {
        return false;
      }
    }
    return true;
  }
}
