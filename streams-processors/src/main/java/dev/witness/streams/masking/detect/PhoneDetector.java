package dev.witness.streams.masking.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers as libphonenumber validates them (numbering plans, not digit counts), read in a
 * configured region when they carry no country code. Candidates are found by a cheap scan first
 * (7 to 15 digits with phone punctuation, standing alone, not shaped like a date or time), because
 * libphonenumber's own text matcher costs ~50 µs per value, far over the masking budget.
 */
public final class PhoneDetector implements Detector {

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String region;
  private final PhoneCandidateGate gate;
  /**
   * Whether the region is the first libphonenumber tries for its calling code and has no leading
   * digits: then a number valid in the region is valid, as {@code isValidNumber} would settle on
   * this region first, so the cheaper per-region check can answer yes on its own.
   */
  private final boolean regionFirst;
  private final Phonemetadata.PhoneMetadata metadata;
  /** The region's general, fixed-line and mobile descriptions, compiled once (used when {@link #regionFirst}). */
  private final NationalPattern general;
  private final NationalPattern fixedLine;
  private final NationalPattern mobile;

  public PhoneDetector(String region) {
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
      throw new IllegalArgumentException("unsupported phone region " + region);
    }
    this.region = region;
    this.gate = PhoneCandidateGate.of(region);
    this.metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
        .getMetadataForRegion(region);
    int code = util.getCountryCodeForRegion(region);
    this.regionFirst = region.equals(util.getRegionCodeForCountryCode(code)) && !metadata.hasLeadingDigits();
    this.general = NationalPattern.of(metadata.getGeneralDesc());
    this.fixedLine = NationalPattern.of(metadata.getFixedLine());
    NationalPattern mobileDesc = NationalPattern.of(metadata.getMobile());
    // Where mobile numbers follow the fixed-line description (as in the US), matching it again cannot change the answer.
    this.mobile = mobileDesc.equals(fixedLine) ? null : mobileDesc;
  }

  @Override
  public String type() {
    return "phone";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withDigitRun(MIN_DIGITS));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    int i = 0;
    while (i < len) {
      char c = text.charAt(i);
      if (!(TextBoundary.isDigit(c) || c == '+' || c == '(') || !standsAlone(text, i)) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      int end = i;
      while (i < len && digits <= MAX_DIGITS && isPhoneChar(text.charAt(i))) {
        if (TextBoundary.isDigit(text.charAt(i))) {
          digits++;
          end = i + 1;
        }
        i++;
      }
      if (digits >= MIN_DIGITS && digits <= MAX_DIGITS && TextBoundary.endsWord(text, end)
          && !(end < len && text.charAt(end) == '-') && !dateOrTime(text, start, end) && !claimedAlready(out, start, end) && (gate == null || gate.mayBeValid(text, start, end, digits))
          && valid(text, start, end, digits)) {
        out.add(new Span(start, end, type()));
      }
      while (i < len && TextBoundary.isDigit(text.charAt(i))) {
        i++;
      }
    }
  }

  /** Not glued to a word, nor an id like {@code ORD-4155552671}. */
  private static boolean standsAlone(String text, int i) {
    if (!TextBoundary.startsWord(text, i)) {
      return false;
    }
    if (i >= 1 && (text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.' || text.charAt(i - 1) == '/')) {
      return i < 2 || !TextBoundary.isWordChar(text.charAt(i - 2));
    }
    return true;
  }

  private static boolean isPhoneChar(char c) {
    return TextBoundary.isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
  }

  /** {@code 2024-01-15}, {@code 15.01.2024}, {@code 1/2/2024}, {@code 10:30}: digit groups a date or time has. */
  private static boolean dateOrTime(String text, int start, int end) {
    int groups = 0;
    int[] sizes = new int[4];
    int size = 0;
    char separator = 0;
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (TextBoundary.isDigit(c)) {
        size++;
      } else {
        if (size > 0) {
          if (groups == 4) {
            return false;
          }
          sizes[groups++] = size;
          size = 0;
        }
        if (separator == 0) {
          separator = c;
        } else if (c != separator) {
          return false;
        }
      }
    }
    if (size > 0 && groups < 4) {
      sizes[groups++] = size;
    }
    return groups == 3 && (separator == '-' || separator == '.' || separator == '/')
        && ((sizes[0] == 4 && sizes[1] <= 2 && sizes[2] <= 2) || (sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] == 4));
  }

  /**
   * Whether a detector run earlier (in priority order) found a span starting at {@code start} and
   * reaching at least {@code end}: overlap resolution would drop this phone span for it anyway
   * (same start, not longer, lower priority), so libphonenumber's costly validation is skipped.
   * An SSN or IP address is the usual case.
   */
  private static boolean claimedAlready(List<Span> out, int start, int end) {
    for (int k = 0, n = out.size(); k < n; k++) {
      Span s = out.get(k);
      if (s.start() == start && s.end() >= end) {
        return true;
      }
    }
    return false;
  }

  /** Whether candidate {@code text[start, end)} of {@code digits} digits is a valid number, as libphonenumber judges. */
  boolean valid(String text, int start, int end, int digits) {
    long national = gate == null ? -1 : gate.nationalNumber(text, start, end, digits);
    if (national >= 0) {
      return (regionFirst && fixedLineOrMobile(Long.toString(national)))
          || validNumber(new Phonenumber.PhoneNumber().setCountryCode(gate.countryCode()).setNationalNumber(national));
    }
    try {
      return validNumber(util.parse(text.substring(start, end), region));
    } catch (NumberParseException notANumber) {
      return false;
    }
  }

  /**
   * Whether national number {@code nsn} of the region is a fixed-line or mobile number. Such a
   * number is valid: libphonenumber calls a number valid when it fits the region's general pattern
   * and the pattern of any number type, and tries this region first for its calling code. Two
   * pattern matches instead of the ten or so that {@code isValidNumber} makes to name the type.
   */
  private boolean fixedLineOrMobile(String nsn) {
    return general.matches(nsn) && (fixedLine.matches(nsn) || (mobile != null && mobile.matches(nsn)));
  }

  /**
   * A number description as libphonenumber matches a national number against it: the possible
   * lengths (none listed: any), then the whole number against the pattern (an empty pattern matches
   * nothing). Compiled once here instead of looked up in libphonenumber's synchronized regex cache,
   * and matched once: its matcher runs {@code lookingAt} then {@code matches}, and without prefix
   * matching the answer is that of {@code matches} alone.
   */
  private record NationalPattern(boolean anyLength, long lengths, String regex, Pattern pattern) {

    static NationalPattern of(Phonemetadata.PhoneNumberDesc desc) {
      long lengths = 0;
      for (int n : desc.getPossibleLengthList()) {
        // -1 (no such numbers in the region) matches no length, as in the list it came from.
        lengths |= n >= 0 && n < Long.SIZE ? 1L << n : 0;
      }
      String regex = desc.getNationalNumberPattern();
      return new NationalPattern(desc.getPossibleLengthList().isEmpty(), lengths, regex,
          regex.isEmpty() ? null : Pattern.compile(regex));
    }

    boolean matches(String nsn) {
      if (!anyLength && (nsn.length() >= Long.SIZE || (lengths & 1L << nsn.length()) == 0)) {
        return false;
      }
      return pattern != null && pattern.matcher(nsn).matches();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NationalPattern p && p.anyLength == anyLength && p.lengths == lengths && p.regex.equals(regex);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(lengths) * 31 + regex.hashCode();
    }
  }

  /** {@code util.isValidNumber(number)}, answered by the region's own check first when that is conclusive. */
  private boolean validNumber(Phonenumber.PhoneNumber number) {
    return (regionFirst && util.isValidNumberForRegion(number, region)) || util.isValidNumber(number);
  }

  /** libphonenumber's own judgement of {@code candidate}, without shortcuts: parse in the region, then validate. */
  boolean validByParse(String candidate) {
    try {
      return util.isValidNumber(util.parse(candidate, region));
    } catch (NumberParseException notANumber) {
      return false;
    }
  }
}
