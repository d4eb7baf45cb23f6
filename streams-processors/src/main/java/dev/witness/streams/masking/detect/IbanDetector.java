package dev.witness.streams.masking.detect;

import java.util.List;
import java.util.Map;

/**
 * IBANs: a country with its registered length, two check digits that make the ISO 7064 mod-97
 * remainder 1, printed compact or in groups of four.
 */
public final class IbanDetector implements Detector {

  private static final int MAX = 34;
  private static final Map<String, Integer> LENGTHS = lengths(
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 "
      + "EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 "
      + "JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 "
      + "NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 "
      + "TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

  /** {@link #LENGTHS} indexed by the country code's letters, 0 for none: looked up without a substring. */
  private static final int[] LENGTH_BY_CODE = new int[26 * 26];

  static {
    LENGTHS.forEach((code, length) -> LENGTH_BY_CODE[(code.charAt(0) - 'A') * 26 + code.charAt(1) - 'A'] = length);
  }

  @Override
  public String type() {
    return "iban";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(15).withUppers(2).withDigits(2));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    char[] compact = new char[MAX];
    for (int i = 0; i + 4 <= len; i++) {
      if (!TextBoundary.isUpper(text.charAt(i)) || !TextBoundary.isUpper(text.charAt(i + 1))
          || !TextBoundary.isDigit(text.charAt(i + 2)) || !TextBoundary.isDigit(text.charAt(i + 3))
          || !TextBoundary.startsWord(text, i)) {
        continue;
      }
      int expected = LENGTH_BY_CODE[(text.charAt(i) - 'A') * 26 + text.charAt(i + 1) - 'A'];
      if (expected == 0) {
        continue;
      }
      int n = 0;
      int j = i;
      while (j < len && n < expected) {
        char c = text.charAt(j);
        if (TextBoundary.isUpper(c) || TextBoundary.isDigit(c)) {
          compact[n++] = c;
          j++;
        } else if (c == ' ' && n % 4 == 0 && j + 1 < len && j > i) {
          j++;
        } else {
          break;
        }
      }
      if (n == expected && TextBoundary.endsWord(text, j) && mod97(compact, n) == 1) {
        out.add(new Span(i, j, type()));
        i = j - 1;
      }
    }
  }

  /** The ISO 7064 mod-97-10 remainder of an IBAN: first four characters moved to the end, letters as 10..35. */
  static int mod97(char[] iban, int n) {
    int rest = 0;
    for (int k = 0; k < n; k++) {
      char c = iban[(k + 4) % n];
      int v = TextBoundary.isDigit(c) ? c - '0' : c - 'A' + 10;
      rest = v < 10 ? (rest * 10 + v) % 97 : (rest * 100 + v) % 97;
    }
    return rest;
  }

  private static Map<String, Integer> lengths(String table) {
    java.util.HashMap<String, Integer> map = new java.util.HashMap<>();
    for (String entry : table.split(" ")) {
      map.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
    return Map.copyOf(map);
  }
}
