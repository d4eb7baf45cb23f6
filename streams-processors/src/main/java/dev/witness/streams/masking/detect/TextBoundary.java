package dev.witness.streams.masking.detect;

/** Whether a candidate stands alone in its text rather than being part of a longer word or number. */
final class TextBoundary {

  private TextBoundary() {}

  /** ASCII letters, digits and underscore: a table, as detectors ask this of nearly every character they scan. */
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c) || c == '_';
    }
  }

  static boolean isWordChar(char c) {
    return c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c);
  }

  /** No letter, digit or underscore right before {@code start}. */
  static boolean startsWord(String text, int start) {
    return start == 0 || !isWordChar(text.charAt(start - 1));
  }

  /** No letter, digit or underscore at {@code end}. */
  static boolean endsWord(String text, int end) {
    return end >= text.length() || !isWordChar(text.charAt(end));
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /** Field names compared without case, underscores or dashes: {@code api_key}, {@code apiKey}, {@code API-KEY}. */
  static String normalizeField(String field) {
    if (field == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }
}
