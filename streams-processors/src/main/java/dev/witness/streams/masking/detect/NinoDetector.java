package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * UK National Insurance numbers: a two-letter prefix HMRC allocates (no D, F, I, Q, U, V; no O
 * second; not BG, GB, KN, NK, NT, TN, ZZ), six digits (optionally in pairs) and a suffix A to D.
 */
public final class NinoDetector implements Detector {

  private static final String[] NOT_ALLOCATED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};

  @Override
  public String type() {
    return "nino";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(9).withUppers(3).withDigits(6));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    for (int i = 0; i + 9 <= len; i++) {
      char a = text.charAt(i);
      char b = text.charAt(i + 1);
      if (!TextBoundary.isUpper(a) || !TextBoundary.isUpper(b) || !TextBoundary.startsWord(text, i)
          || !prefixAllocated(a, b)) {
        continue;
      }
      int end = body(text, i + 2);
      if (end > 0) {
        out.add(new Span(i, end, type()));
        i = end - 1;
      }
    }
  }

  /** Whether HMRC allocates numbers with prefix {@code ab}. */
  static boolean prefixAllocated(char a, char b) {
    return "DFIQUV".indexOf(a) < 0 && "DFIOQUV".indexOf(b) < 0 && !notAllocated(a, b);
  }

  private static boolean notAllocated(char a, char b) {
    for (String pair : NOT_ALLOCATED) {
      if (pair.charAt(0) == a && pair.charAt(1) == b) {
        return true;
      }
    }
    return false;
  }

  /** The end of six digits and a suffix from {@code from}, compact or {@code 12 34 56 A}; -1 if none. */
  private static int body(String text, int from) {
    int len = text.length();
    boolean spaced = from < len && text.charAt(from) == ' ';
    int j = from;
    for (int pair = 0; pair < 3; pair++) {
      if (spaced) {
        if (j >= len || text.charAt(j) != ' ') {
          return -1;
        }
        j++;
      }
      if (j + 2 > len || !TextBoundary.isDigit(text.charAt(j)) || !TextBoundary.isDigit(text.charAt(j + 1))) {
        return -1;
      }
      j += 2;
    }
    if (spaced && j < len && text.charAt(j) == ' ') {
      j++;
    }
    if (j >= len || text.charAt(j) < 'A' || text.charAt(j) > 'D') {
      return -1;
    }
    return TextBoundary.endsWord(text, j + 1) ? j + 1 : -1;
  }
}
