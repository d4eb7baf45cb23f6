package dev.witness.streams.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Brings a request path to the form a target server resolves it to before rules see it, so a
 * deny rule on {@code /admin/**} also catches {@code //admin}, {@code /x/../admin} and
 * {@code /%61dmin}: drops query and fragment, decodes percent-encoded unreserved characters
 * (RFC 3986 6.2.2.2) and spells a stray {@code %} as {@code %25}, collapses repeated slashes and removes dot segments (RFC 3986 5.2.4).
 * Encoded reserved characters such as {@code %2F} stay encoded.
 */
public final class PathNormalizer {

  private static final String UNRESERVED_PUNCTUATION = "-._~";

  private PathNormalizer() {}

  /** The normalized form of {@code rawPath}; always starts with {@code /}. */
  public static String normalize(String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    int cut = indexOfAny(path, '?', '#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    path = decodeUnreserved(path);
    boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      switch (segment) {
        case "", "." -> { }
        case ".." -> segments.pollLast();
        default -> segments.addLast(segment);
      }
    }
    StringBuilder out = new StringBuilder(path.length() + 1);
    for (String segment : segments) {
      out.append('/').append(segment);
    }
    if (out.isEmpty() || trailingSlash) {
      out.append('/');
    }
    return out.toString();
  }

  private static String decodeUnreserved(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int value = i + 2 < path.length() ? hexByte(path, i + 1) : -1;
      if (value < 0) {
        // A stray '%' is spelled %25, so what follows it can never be read as an escape later.
        out.append("%25");
      } else if (isUnreserved((char) value)) {
        out.append((char) value);
        i += 2;
      } else {
        // Keep the escape but in one spelling, so %2f and %2F compare equal.
        out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
        i += 2;
      }
    }
    return out.toString();
  }

  private static int hexByte(String s, int at) {
    int hi = hexDigit(s.charAt(at));
    int lo = hexDigit(s.charAt(at + 1));
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }

  // Character.digit would also accept non-ASCII digits, which no server reads as hex.
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
  }

  private static int indexOfAny(String s, char a, char b) {
    int ia = s.indexOf(a);
    int ib = s.indexOf(b);
    return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
  }
}
