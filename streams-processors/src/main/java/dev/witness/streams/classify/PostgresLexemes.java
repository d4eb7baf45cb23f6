package dev.witness.streams.classify;

/** PostgreSQL lexical rules shared by the statement splitter and the literal-shape lexer. */
final class PostgresLexemes {

  private PostgresLexemes() {
  }

  /** Where the block comment opening at {@code i} ends (exclusive), or -1 when it is not closed. */
  static int blockCommentEnd(String s, int i) {
    // PostgreSQL block comments nest.
    int n = s.length();
    int depth = 1;
    int j = i + 2;
    while (j < n && depth > 0) {
      if (s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
      } else {
        j++;
      }
    }
    return depth == 0 ? j : -1;
  }

  /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null ({@code $1} is a parameter). */
  static String dollarTag(String s, int i) {
    int n = s.length();
    int j = i + 1;
    if (j < n && s.charAt(j) == '$') {
      return "$$";
    }
    if (j >= n || !(Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
      return null;
    }
    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j < n && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
  }

  /** Whether the character before {@code i} continues an identifier: a quote or {@code $} there starts no token. */
  static boolean identifierBefore(String s, int i) {
    if (i == 0) {
      return false;
    }
    char p = s.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }
}
