package dev.witness.streams.masking.detect;

/**
 * Cheap character-class facts of a value, gathered in one pass so each detector can rule itself
 * out ({@link Detector#mayMatch}) before scanning. Counts are of ASCII characters only, which is
 * what every built-in detector's candidates consist of; from UTF-8 bytes they are the same, as
 * multi-byte sequences hold no ASCII bytes, and the length is then an upper bound, which keeps
 * "length at least n" conditions safe.
 */
public final class TextFacts {

  public final int length;
  public final int digits;
  public final int uppers;
  public final int lowers;
  public final boolean at;
  public final boolean dot;
  public final boolean colon;
  public final int dots;
  public final int colons;
  public final int dashes;
  public final int underscores;

  /**
   * The most digits in one run of digits and phone punctuation (space, {@code - . ( ) +}): every
   * card number, phone number, SSN and dotted quad lies within such a run, so a text whose digits
   * are scattered among letters (a UUID, a hash, an invoice line) cannot hold one of n digits.
   */
  public final int digitRun;

  private TextFacts(int length, Tally t) {
    this.length = length;
    this.digits = t.digits;
    this.uppers = t.uppers;
    this.lowers = t.lowers;
    this.at = t.at;
    this.dot = t.dots > 0;
    this.colon = t.colons > 0;
    this.dots = t.dots;
    this.colons = t.colons;
    this.dashes = t.dashes;
    this.underscores = t.underscores;
    this.digitRun = Math.max(t.longestRun, t.run);
  }

  public static TextFacts of(String text) {
    Tally t = new Tally();
    for (int i = 0, n = text.length(); i < n; i++) {
      t.add(text.charAt(i));
    }
    return new TextFacts(text.length(), t);
  }

  /** The facts of UTF-8 {@code bytes[offset, offset + length)} without decoding them. */
  public static TextFacts of(byte[] bytes, int offset, int length) {
    Tally t = new Tally();
    for (int i = offset, end = offset + length; i < end; i++) {
      // Bytes of multi-byte sequences are negative: like the non-ASCII characters they encode, they count as nothing.
      t.add(bytes[i]);
    }
    return new TextFacts(length, t);
  }

  /** Character classes of ASCII, as bits: the one definition of what each fact counts. */
  private static final int DIGIT = 1;
  private static final int LOWER = 1 << 1;
  private static final int UPPER = 1 << 2;
  private static final int AT = 1 << 3;
  private static final int DOT = 1 << 4;
  private static final int COLON = 1 << 5;
  private static final int DASH = 1 << 6;
  private static final int UNDERSCORE = 1 << 7;
  /** Continues a run of digits: phone punctuation (space, dot, dash, parentheses, plus) and digits. */
  private static final int RUN = 1 << 8;
  private static final int[] CLASSES = classes();

  private static int[] classes() {
    int[] c = new int[128];
    for (char d = '0'; d <= '9'; d++) {
      c[d] = DIGIT | RUN;
    }
    for (char l = 'a'; l <= 'z'; l++) {
      c[l] = LOWER;
      c[Character.toUpperCase(l)] = UPPER;
    }
    c['@'] = AT;
    c['.'] = DOT | RUN;
    c[':'] = COLON;
    c['-'] = DASH | RUN;
    c['_'] = UNDERSCORE;
    c[' '] = RUN;
    c['('] = RUN;
    c[')'] = RUN;
    c['+'] = RUN;
    return c;
  }

  /** Counts fed one character (or UTF-8 byte) at a time; anything outside ASCII counts as nothing. */
  private static final class Tally {
    int digits;
    int uppers;
    int lowers;
    boolean at;
    int dots;
    int colons;
    int dashes;
    int underscores;
    /** Digits in the current run of digits and phone punctuation, and the most in any run before it. */
    int run;
    int longestRun;

    void add(int c) {
      int k = c >= 0 && c < 128 ? CLASSES[c] : 0;
      if (k == (DIGIT | RUN)) {
        digits++;
        run++;
        return;
      }
      if ((k & RUN) == 0 && run > 0) {
        longestRun = Math.max(longestRun, run);
        run = 0;
      }
      if (k != 0 && k != RUN) {
        lowers += k >>> 1 & 1;
        uppers += k >>> 2 & 1;
        at |= (k & AT) != 0;
        dots += k >>> 4 & 1;
        colons += k >>> 5 & 1;
        dashes += k >>> 6 & 1;
        underscores += k >>> 7 & 1;
      }
    }
  }
}
