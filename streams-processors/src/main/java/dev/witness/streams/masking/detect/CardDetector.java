package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, whose issuer prefix
 * (IIN) and length fit a card network and whose Luhn check digit is right.
 */
public final class CardDetector implements Detector {

  private static final int MIN = 13;
  private static final int MAX = 19;

  @Override
  public String type() {
    return "card";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withDigitRun(MIN));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    int i = 0;
    int[] digits = new int[MAX + 1];
    while (i < len) {
      if (!TextBoundary.isDigit(text.charAt(i)) || !TextBoundary.startsWord(text, i)) {
        i++;
        continue;
      }
      int start = i;
      int count = 0;
      int end = i;
      int firstSeparator = -1;
      while (i < len && count <= MAX) {
        char c = text.charAt(i);
        if (TextBoundary.isDigit(c)) {
          digits[count++] = c - '0';
          end = ++i;
        } else if ((c == ' ' || c == '-') && i + 1 < len && TextBoundary.isDigit(text.charAt(i + 1))) {
          firstSeparator = firstSeparator < 0 ? i : firstSeparator;
          i++;
        } else {
          break;
        }
      }
      if (count >= MIN && count <= MAX && TextBoundary.endsWord(text, end) && valid(digits, count)) {
        out.add(new Span(start, end, type()));
        i = end;
      } else if (firstSeparator > 0) {
        // "qty 12 4111 1111 1111 1111": the number may start at a later group of the same run.
        i = firstSeparator + 1;
      } else {
        while (i < len && TextBoundary.isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
  }

  /** Whether {@code count} digits form a card number of a known network with a valid check digit. */
  public static boolean valid(int[] digits, int count) {
    return networkAccepts(digits, count) && luhn(digits, count) && !allSame(digits, count);
  }

  static boolean luhn(int[] digits, int count) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = count - 1; i >= 0; i--) {
      int d = digits[i];
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  private static boolean networkAccepts(int[] d, int n) {
    int p2 = d[0] * 10 + d[1];
    int p3 = p2 * 10 + d[2];
    int p4 = p3 * 10 + d[3];
    return switch (d[0]) {
      case 4 -> n == 13 || n == 16 || n == 19;                                   // Visa
      case 5 -> (p2 >= 51 && p2 <= 55) ? n == 16 : n >= 16;                      // Mastercard, Maestro
      case 2 -> (p4 >= 2221 && p4 <= 2720 && n == 16) || (p4 >= 2200 && p4 <= 2204 && n >= 16); // MC, Mir
      case 3 -> (p2 == 34 || p2 == 37) ? n == 15                                 // Amex
          : (p4 >= 3528 && p4 <= 3589) ? n >= 16                                 // JCB
          : (p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 ? n >= 14 // Diners
          : false;
      // Discover (6011, 644-649, 65), UnionPay (62), Maestro (60-69) together cover every 6-prefix.
      case 6 -> n >= 16;
      default -> false;
    };
  }

  private static boolean allSame(int[] digits, int count) {
    for (int i = 1; i < count; i++) {
      if (digits[i] != digits[0]) {
        return false;
      }
    }
    return true;
  }
}
