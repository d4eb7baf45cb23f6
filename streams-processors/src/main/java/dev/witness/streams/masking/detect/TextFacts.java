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

  private TextFacts(int length, int digits, int uppers, int lowers, boolean at, int dots, int colons, int dashes,
      int underscores) {
    this.length = length;
    this.digits = digits;
    this.uppers = uppers;
    this.lowers = lowers;
    this.at = at;
    this.dot = dots > 0;
    this.colon = colons > 0;
    this.dots = dots;
    this.colons = colons;
    this.dashes = dashes;
    this.underscores = underscores;
  }

  public static TextFacts of(String text) {
    int digits = 0;
    int uppers = 0;
    int lowers = 0;
    boolean at = false;
    int dots = 0;
    int colons = 0;
    int dashes = 0;
    int underscores = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c >= 'a' && c <= 'z') {
        lowers++;
      } else if (c >= 'A' && c <= 'Z') {
        uppers++;
      } else {
        switch (c) {
          case '@' -> at = true;
          case '.' -> dots++;
          case ':' -> colons++;
          case '-' -> dashes++;
          case '_' -> underscores++;
          default -> { }
        }
      }
    }
    return new TextFacts(text.length(), digits, uppers, lowers, at, dots, colons, dashes, underscores);
  }

  /** The facts of UTF-8 {@code bytes[offset, offset + length)} without decoding them. */
  public static TextFacts of(byte[] bytes, int offset, int length) {
    int digits = 0;
    int uppers = 0;
    int lowers = 0;
    boolean at = false;
    int dots = 0;
    int colons = 0;
    int dashes = 0;
    int underscores = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte c = bytes[i];
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c >= 'a' && c <= 'z') {
        lowers++;
      } else if (c >= 'A' && c <= 'Z') {
        uppers++;
      } else {
        switch (c) {
          case '@' -> at = true;
          case '.' -> dots++;
          case ':' -> colons++;
          case '-' -> dashes++;
          case '_' -> underscores++;
          default -> { }
        }
      }
    }
    return new TextFacts(length, digits, uppers, lowers, at, dots, colons, dashes, underscores);
  }
}
