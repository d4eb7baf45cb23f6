package dev.witness.proxy.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail} and
 * extension members (strings, numbers, booleans or lists of strings).
 */
public record Problem(int status, String type, String title, String detail, Map<String, Object> extensions) {

  static final String TYPE_BASE = "https://witness.dev/problems/";

  public Problem {
    extensions = extensions == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(extensions));
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, TYPE_BASE + slug, title, detail, Map.of());
  }

  /** A copy with one more extension member; null values are left out. */
  public Problem with(String name, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(name, value);
    return new Problem(status, type, title, detail, more);
  }

  /** The {@code application/problem+json} body. */
  public String toJson() {
    StringBuilder json = new StringBuilder(256).append('{');
    member(json, "type", type).append(',');
    member(json, "title", title).append(',');
    quote(json, "status").append(':').append(status);
    if (detail != null) {
      member(json.append(','), "detail", detail);
    }
    // Sorted so the body is stable whatever map the extensions came in.
    extensions.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> member(json.append(','), e.getKey(), e.getValue()));
    return json.append('}').toString();
  }

  private static StringBuilder member(StringBuilder json, String name, Object value) {
    quote(json, name).append(':');
    if (value instanceof Number || value instanceof Boolean) {
      return json.append(value);
    }
    if (value instanceof List<?> list) {
      json.append('[');
      for (int i = 0; i < list.size(); i++) {
        quote(i > 0 ? json.append(',') : json, String.valueOf(list.get(i)));
      }
      return json.append(']');
    }
    return quote(json, String.valueOf(value));
  }

  private static StringBuilder quote(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
