package dev.witness.streams.masking.detect;

import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.List;

/**
 * What a phone candidate written without {@code +} can be in the configured region, from that
 * region's numbering metadata, so libphonenumber's costly parse runs only where it can matter.
 * libphonenumber reads such a candidate in the region (a foreign number needs {@code +} or the
 * international call prefix), so a digit count outside the region's national lengths (plus a
 * national prefix or the country code) is never valid unless the digits start with that prefix; and a candidate of exactly a national length
 * that starts with none of the digits a prefix starts with parses to exactly those digits as the
 * national number, which can be validated without parsing.
 */
final class PhoneCandidateGate {

  private final long lengths;
  private final int min;
  private final int max;
  private final int countryCode;
  private final char iddFirst;
  /** The international call prefix when it is a fixed digit string (00, 011), else null. */
  private final String fixedIdd;
  private final char nationalPrefixFirst;
  private final char countryCodeFirst;

  private PhoneCandidateGate(long lengths, int min, int max, int countryCode, String idd, char nationalPrefixFirst) {
    this.lengths = lengths;
    this.min = min;
    this.max = max;
    this.countryCode = countryCode;
    this.iddFirst = idd.charAt(0);
    this.fixedIdd = idd.matches("\\d+") ? idd : null;
    this.nationalPrefixFirst = nationalPrefixFirst;
    this.countryCodeFirst = String.valueOf(countryCode).charAt(0);
  }

  /** The gate of {@code region}, or null when its plan is unusual (prefix rules beyond a fixed prefix). */
  static PhoneCandidateGate of(String region) {
    Phonemetadata.PhoneMetadata m =
        DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource().getMetadataForRegion(region);
    if (m == null) {
      return null;
    }
    List<Integer> possible = m.getGeneralDesc().getPossibleLengthList();
    String idd = m.getInternationalPrefix();
    String nationalPrefix = m.getNationalPrefix();
    if (possible.isEmpty() || idd.isEmpty() || !TextBoundary.isDigit(idd.charAt(0)) || !nationalPrefix.matches("\\d*")
        || (m.hasNationalPrefixForParsing() && !m.getNationalPrefixForParsing().equals(nationalPrefix))) {
      return null;
    }
    long lengths = 0;
    for (int n : possible) {
      lengths |= 1L << n;
    }
    int min = possible.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = possible.stream().mapToInt(Integer::intValue).max().orElseThrow()
        + Math.max(nationalPrefix.length(), String.valueOf(m.getCountryCode()).length());
    return new PhoneCandidateGate(lengths, min, max, m.getCountryCode(), idd,
        nationalPrefix.isEmpty() ? idd.charAt(0) : nationalPrefix.charAt(0));
  }

  int countryCode() {
    return countryCode;
  }

  /** False when candidate {@code text[start, end)} of {@code digits} digits cannot be valid in the region. */
  boolean mayBeValid(String text, int start, int end, int digits) {
    char first = firstDigit(text, start, end);
    if (first == '+') {
      return true;
    }
    if (first == iddFirst && (fixedIdd == null || digitsStartWith(text, start, end, fixedIdd))) {
      return true; // an international number: any length
    }
    return digits >= min && digits <= max;
  }

  /**
   * The national number libphonenumber would parse the candidate to, when that is certain without
   * parsing (no {@code +}, a national length, no prefix it could start with); else -1.
   */
  long nationalNumber(String text, int start, int end, int digits) {
    char first = firstDigit(text, start, end);
    if (first == '+' || first == '0' || first == iddFirst || first == nationalPrefixFirst || first == countryCodeFirst
        || digits > 17 || (lengths & (1L << digits)) == 0) {
      return -1;
    }
    long n = 0;
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (TextBoundary.isDigit(c)) {
        n = n * 10 + (c - '0');
      } else if (c == '+') {
        return -1;
      }
    }
    return n;
  }

  private static boolean digitsStartWith(String text, int start, int end, String prefix) {
    int matched = 0;
    for (int k = start; k < end && matched < prefix.length(); k++) {
      char c = text.charAt(k);
      if (TextBoundary.isDigit(c)) {
        if (c != prefix.charAt(matched++)) {
          return false;
        }
      }
    }
    return matched == prefix.length();
  }

  /** The first digit, or {@code +} when a plus comes before any digit. */
  private static char firstDigit(String text, int start, int end) {
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (c == '+' || TextBoundary.isDigit(c)) {
        return c;
      }
    }
    return '+';
  }
}
