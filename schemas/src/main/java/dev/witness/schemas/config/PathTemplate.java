package dev.witness.schemas.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured HTTP path template ({@code policy.pathTemplates}), e.g.
 * {@code /customers/{customerId}/orders}: literal segments and {@code {name}} segments, each of
 * which matches exactly one non-empty path segment.
 *
 * @param text the template as configured
 * @param segments its segments without slashes; a variable is kept as written, e.g. {@code {customerId}}
 */
public record PathTemplate(String text, List<String> segments) {

  private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");

  public PathTemplate {
    segments = List.copyOf(segments);
  }

  /** Whether segment {@code i} is a {@code {name}} variable. */
  public boolean isVariable(int i) {
    return segments.get(i).startsWith("{");
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong and how to write it
   */
  public static PathTemplate parse(String text) {
    if (text == null || !text.startsWith("/")) {
      throw new IllegalArgumentException("must start with '/', e.g. /customers/{customerId}/orders");
    }
    if (text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
      throw new IllegalArgumentException("has a query or fragment; templates match the path only");
    }
    if (text.length() == 1) {
      return new PathTemplate(text, List.of());
    }
    String body = text.endsWith("/") ? text.substring(1, text.length() - 1) : text.substring(1);
    List<String> segments = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String segment : body.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("has an empty segment ('//'); write each segment once");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("has a '" + segment + "' segment; write the path as the target resolves it");
      }
      if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
        if (!VARIABLE.matcher(segment).matches()) {
          throw new IllegalArgumentException("segment '" + segment
              + "' is not a variable; a variable is a whole segment {name} (letters, digits, _), e.g. {customerId}");
        }
        if (!names.add(segment)) {
          throw new IllegalArgumentException("names variable " + segment + " twice; give each variable its own name");
        }
      }
      segments.add(segment);
    }
    return new PathTemplate(text, segments);
  }
}
