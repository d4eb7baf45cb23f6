package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * IPv4 addresses (four decimal octets 0-255 without leading zeros, not part of a longer dotted
 * number such as a version) and IPv6 addresses (RFC 4291 text forms, with {@code ::} and an
 * embedded IPv4 tail).
 */
public final class IpAddressDetector implements Detector {

  @Override
  public String type() {
    return "ip";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withColons(2), FactsGate.ANY.withDots(3).withDigitRun(4));

  @Override
  public List<FactsGate> gates() {
    // IPv6 has at least two colons (::), a dotted quad three dots.
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    findV4(text, out);
    if (text.indexOf(':') >= 0) {
      findV6(text, out);
    }
  }

  private void findV4(String text, List<Span> out) {
    int len = text.length();
    for (int i = 0; i < len; i++) {
      if (!TextBoundary.isDigit(text.charAt(i)) || (i > 0 && isV4Neighbour(text.charAt(i - 1)))) {
        continue;
      }
      int end = v4End(text, i);
      if (end > 0 && !(end < len && isV4Neighbour(text.charAt(end)))
          && !(end + 1 < len && text.charAt(end) == '.' && TextBoundary.isDigit(text.charAt(end + 1)))) {
        out.add(new Span(i, end, type()));
        i = end;
      } else {
        while (i + 1 < len && TextBoundary.isDigit(text.charAt(i + 1))) {
          i++;
        }
      }
    }
  }

  private static boolean isV4Neighbour(char c) {
    return TextBoundary.isWordChar(c) || c == '.';
  }

  /** The end of a dotted quad starting at {@code i}, or -1. */
  static int v4End(String text, int i) {
    int j = i;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (j >= text.length() || text.charAt(j) != '.') {
          return -1;
        }
        j++;
      }
      int start = j;
      int value = 0;
      while (j < text.length() && j - start < 3 && TextBoundary.isDigit(text.charAt(j))) {
        value = value * 10 + text.charAt(j++) - '0';
      }
      if (j == start || value > 255 || (j - start > 1 && text.charAt(start) == '0')) {
        return -1;
      }
    }
    return j;
  }

  private void findV6(String text, List<Span> out) {
    int len = text.length();
    int i = 0;
    while (i < len) {
      if (!isV6Char(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < len && (isV6Char(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      int end = i;
      while (end > start && text.charAt(end - 1) == '.') {
        end--;
      }
      if ((start == 0 || !TextBoundary.isWordChar(text.charAt(start - 1))) && TextBoundary.endsWord(text, end)
          && validV6(text, start, end)) {
        out.add(new Span(start, end, type()));
      }
    }
  }

  private static boolean isV6Char(char c) {
    return TextBoundary.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
  }

  /** Whether {@code text[start, end)} is an IPv6 address in RFC 4291 text form. */
  static boolean validV6(String text, int start, int end) {
    int colons = 0;
    for (int k = start; k < end; k++) {
      if (text.charAt(k) == ':') {
        colons++;
      }
    }
    if (colons < 2) {
      return false;
    }
    String s = text.substring(start, end);
    int gap = s.indexOf("::");
    if (gap < 0 && colons < 6) {
      // Without "::" all eight groups are written: seven colons, or six before an IPv4 tail. A time
      // like 10:30:00 ends here rather than being split into groups.
      return false;
    }
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    int head = groups(gap >= 0 ? s.substring(0, gap) : s, gap < 0);
    int tail = gap >= 0 ? groups(s.substring(gap + 2), true) : 0;
    if (head < 0 || tail < 0) {
      return false;
    }
    int total = head + tail;
    return gap >= 0 ? total >= 1 && total <= 7 : total == 8;
  }

  /** How many 16-bit groups {@code part} holds (an IPv4 tail counts two), or -1 if malformed. */
  static int groups(String part, boolean v4TailAllowed) {
    if (part.isEmpty()) {
      return 0;
    }
    String[] hex = part.split(":", -1);
    int groups = 0;
    for (int k = 0; k < hex.length; k++) {
      String h = hex[k];
      if (v4TailAllowed && k == hex.length - 1 && h.indexOf('.') >= 0) {
        if (v4End(h, 0) != h.length()) {
          return -1;
        }
        groups += 2;
      } else if (h.isEmpty() || h.length() > 4 || h.indexOf('.') >= 0) {
        return -1;
      } else {
        groups++;
      }
    }
    return groups;
  }
}
