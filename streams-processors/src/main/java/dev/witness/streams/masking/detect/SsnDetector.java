package dev.witness.streams.masking.detect;

import java.util.List;
import java.util.Set;

/**
 * US Social Security numbers written {@code AAA-GG-SSSS} (or with spaces) whose parts were ever
 * issuable: area not 000, 666 or 9xx, group not 00, serial not 0000, and not a number the SSA
 * voided after it appeared in advertising. Bare nine-digit numbers are left to column rules: as
 * free text they are indistinguishable from ids.
 */
public final class SsnDetector implements Detector {

  private static final Set<String> VOIDED = Set.of("078051120", "219099999", "123456789");

  @Override
  public String type() {
    return "ssn";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(11).withDigitRun(9));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    for (int i = 0; i + 11 <= len; i++) {
      char sep = text.charAt(i + 3);
      if ((sep != '-' && sep != ' ') || text.charAt(i + 6) != sep || !TextBoundary.startsWord(text, i)
          || !TextBoundary.endsWord(text, i + 11) || !digits(text, i, 3) || !digits(text, i + 4, 2)
          || !digits(text, i + 7, 4) || (i > 0 && text.charAt(i - 1) == sep)
          || (i + 11 < len && text.charAt(i + 11) == sep)) {
        continue;
      }
      if (valid(text.substring(i, i + 3), text.substring(i + 4, i + 6), text.substring(i + 7, i + 11))) {
        out.add(new Span(i, i + 11, type()));
        i += 10;
      }
    }
  }

  /** Whether area, group and serial could belong to an issued number. */
  public static boolean valid(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    return a != 0 && a != 666 && a < 900 && !"00".equals(group) && !"0000".equals(serial)
        && !VOIDED.contains(area + group + serial);
  }

  private static boolean digits(String text, int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (!TextBoundary.isDigit(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
