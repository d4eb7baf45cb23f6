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
  public final boolean at;
  public final boolean dot;
  public final boolean colon;

  private TextFacts(int length, int digits, int uppers, boolean at, boolean dot, boolean colon) {
    this.length = length;
    this.digits = digits;
    this.uppers = uppers;
    this.at = at;
    this.dot = dot;
    this.colon = colon;
  }

  public static TextFacts of(String text) {
    int digits = 0;
    int uppers = 0;
    boolean at = false;
    boolean dot = false;
    boolean colon = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      digits += c >= '0' && c <= '9' ? 1 : 0;
      uppers += c >= 'A' && c <= 'Z' ? 1 : 0;
      at |= c == '@';
      dot |= c == '.';
      colon |= c == ':';
    }
    return new TextFacts(text.length(), digits, uppers, at, dot, colon);
  }

  /** The facts of UTF-8 {@code bytes[offset, offset + length)} without decoding them. */
  public static TextFacts of(byte[] bytes, int offset, int length) {
    int digits = 0;
    int uppers = 0;
    boolean at = false;
    boolean dot = false;
    boolean colon = false;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte c = bytes[i];
      digits += c >= '0' && c <= '9' ? 1 : 0;
      uppers += c >= 'A' && c <= 'Z' ? 1 : 0;
      at |= c == '@';
      dot |= c == '.';
      colon |= c == ':';
    }
    return new TextFacts(length, digits, uppers, at, dot, colon);
  }
}
