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
    this.at = t.ats > 0;
    this.dot = t.dots > 0;
    this.colon = t.colons > 0;
    this.dots = t.dots;
    this.colons = t.colons;
    this.dashes = t.dashes;
    this.underscores = t.underscores;
    this.digitRun = t.longestRun;
  }

  public static TextFacts of(String text) {
    Tally t = new Tally();
    int n = text.length();
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      long a = 0;
      long b = 0;
      int run = t.run;
      int longest = t.longestRun;
      for (int i = from; i < to; i++) {
        // Characters past ASCII share the entry of NUL: they count as nothing and end a run.
        int k = Math.min(text.charAt(i), 128);
        a += LANES_A[k];
        b += LANES_B[k];
        run = (run + (int) (LANES_A[k] & 1)) & KEEPS_RUN[k];
        longest = Math.max(longest, run);
      }
      t.add(a, b, run, longest);
    }
    return new TextFacts(n, t);
  }

  /** The facts of UTF-8 {@code bytes[offset, offset + length)} without decoding them. */
  public static TextFacts of(byte[] bytes, int offset, int length) {
    Tally t = new Tally();
    int end = offset + length;
    for (int from = offset; from < end; from += BLOCK) {
      int to = Math.min(end, from + BLOCK);
      long a = 0;
      long b = 0;
      int run = t.run;
      int longest = t.longestRun;
      for (int i = from; i < to; i++) {
        // Bytes of multi-byte sequences are 0x80 and up: like the non-ASCII characters they encode, they count as nothing.
        int k = bytes[i] & 0xFF;
        a += LANES_A[k];
        b += LANES_B[k];
        run = (run + (int) (LANES_A[k] & 1)) & KEEPS_RUN[k];
        longest = Math.max(longest, run);
      }
      t.add(a, b, run, longest);
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

  /**
   * The counts are summed without a branch per character (mixed letters and digits, as in a UUID or
   * hash, defeat branch prediction): each character adds its table entry, eight 16-bit counters in
   * two longs, which are carried into ints every {@link #BLOCK} characters so none overflows.
   */
  private static final int BLOCK = 0xFFFF;
  /** Per character (bytes and chars past ASCII at 128 and up), its increments: digits, uppers, lowers, dots. */
  private static final long[] LANES_A = new long[256];
  /** Per character, its increments: at signs, colons, dashes, underscores. */
  private static final long[] LANES_B = new long[256];
  /** Per character, -1 when it continues a run of digits, else 0 (which ends it). */
  private static final int[] KEEPS_RUN = new int[256];

  static {
    int[] c = classes();
    for (int ch = 0; ch < c.length; ch++) {
      int k = c[ch];
      LANES_A[ch] = bit(k, DIGIT) | bit(k, UPPER) << 16 | bit(k, LOWER) << 32 | bit(k, DOT) << 48;
      LANES_B[ch] = bit(k, AT) | bit(k, COLON) << 16 | bit(k, DASH) << 32 | bit(k, UNDERSCORE) << 48;
      KEEPS_RUN[ch] = (k & RUN) != 0 ? -1 : 0;
    }
  }

  private static long bit(int classes, int bit) {
    return (classes & bit) != 0 ? 1 : 0;
  }

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

  /** Counts carried from block to block of a text. */
  private static final class Tally {
    int digits;
    int uppers;
    int lowers;
    int ats;
    int dots;
    int colons;
    int dashes;
    int underscores;
    /** Digits in the current run of digits and phone punctuation, and the most in any run so far. */
    int run;
    int longestRun;

    void add(long a, long b, int run, int longestRun) {
      digits += (int) (a & 0xFFFF);
      uppers += (int) (a >>> 16 & 0xFFFF);
      lowers += (int) (a >>> 32 & 0xFFFF);
      dots += (int) (a >>> 48 & 0xFFFF);
      ats += (int) (b & 0xFFFF);
      colons += (int) (b >>> 16 & 0xFFFF);
      dashes += (int) (b >>> 32 & 0xFFFF);
      underscores += (int) (b >>> 48 & 0xFFFF);
      this.run = run;
      this.longestRun = longestRun;
    }
  }
}
