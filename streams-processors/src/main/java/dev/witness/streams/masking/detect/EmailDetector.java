package dev.witness.streams.masking.detect;

import java.util.List;

/** Email addresses: a dot-atom local part, and a domain of valid labels ending in an alphabetic TLD. */
public final class EmailDetector implements Detector {

  @Override
  public String type() {
    return "email";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withAt().withDots(1));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int at = text.indexOf('@');
    while (at >= 0) {
      int start = at;
      while (start > 0 && isLocal(text.charAt(start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      int end = at + 1;
      while (end < text.length() && isDomain(text.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
        end--;
      }
      int next = at + 1;
      if (validLocal(text, start, at) && validDomain(text, at + 1, end)) {
        out.add(new Span(start, end, type()));
        next = end;
      }
      at = next < text.length() ? text.indexOf('@', next) : -1;
    }
  }

  private static boolean isLocal(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  }

  private static boolean validLocal(String text, int start, int end) {
    if (end - start < 1 || end - start > 64 || text.charAt(end - 1) == '.') {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean validDomain(String text, int start, int end) {
    if (end - start < 4 || end - start > 253) {
      return false;
    }
    int labels = 0;
    int labelStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '.') {
        int len = i - labelStart;
        if (len < 1 || len > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
          return false;
        }
        labels++;
        if (i == end && !alphabeticTld(text, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
      }
    }
    return labels >= 2;
  }

  private static boolean alphabeticTld(String text, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
