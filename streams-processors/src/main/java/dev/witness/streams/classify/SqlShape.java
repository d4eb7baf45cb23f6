package dev.witness.streams.classify;

import java.util.Locale;
import java.util.Set;

/**
 * The shape of a SQL string: its text with plain literals replaced by placeholders, so statements
 * that differ only in their values ({@code WHERE id = 7} / {@code WHERE id = 8}) or comments share
 * one classification. Follows PostgreSQL's lexical rules: comments become a space as they do for
 * every reader of the statement ({@link SqlText}); quoted identifiers and dollar-quoted bodies stay
 * as written (DO and function bodies can hide DDL), and so does any literal whose value could
 * change how a parser reads the statement. Classification never looks
 * at a literal's value, so strings of one shape classify alike ({@code SqlShapeProperties}).
 */
final class SqlShape {

  /** A string literal; never produced by SQL text, which cannot contain NUL. */
  private static final String STRING = "\u0000s";
  private static final String INTEGER = "\u0000i";
  private static final String DECIMAL = "\u0000d";

  /** Longest number masked: longer ones may overflow a parser's integer type and must be parsed as written. */
  private static final int MAX_DIGITS = 15;

  /** Statements whose string literals can be code: their text is their shape. */
  private static final Set<String> CODE_KEYWORDS = Set.of("DO", "FUNCTION", "PROCEDURE", "EXECUTE", "PREPARE",
      "TRIGGER", "RULE", "POLICY");

  private SqlShape() {}

  /** The shape of {@code sql}, or null when it has none other than its own text. */
  static String of(String sql) {
    if (sql.indexOf('\\') >= 0 || sql.indexOf('\0') >= 0) {
      // A backslash is read differently by PostgreSQL and JSqlParser (in strings too); NUL would collide
      // with the placeholders.
      return null;
    }
    int n = sql.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    int masked = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = quotedEnd(sql, i + 1, '\'');
        if (end < 0) {
          return null;
        }
        if (prefixed(sql, i)) {
          // E'', B'', X'', U&'': the prefix changes what the body means; keep the literal.
          out.append(sql, i, end);
        } else {
          out.append(STRING);
          masked++;
        }
        i = end;
      } else if (c == '"') {
        int end = quotedEnd(sql, i + 1, '"');
        if (end < 0) {
          return null;
        }
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        out.append(' ');
        masked++;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = PostgresLexemes.blockCommentEnd(sql, i);
        if (end < 0) {
          return null;
        }
        // Every reader of the statement replaces a comment by a space (SqlText), so the shape does too.
        out.append(' ');
        masked++;
        i = end;
      } else if (c == '$' && !PostgresLexemes.identifierBefore(sql, i)) {
        int end = dollarQuotedEnd(sql, i);
        if (end == -1) {
          return null;
        }
        int stop = end == 0 ? i + 1 : end;
        out.append(sql, i, stop);
        i = stop;
      } else if (isDigit(c) && !PostgresLexemes.identifierBefore(sql, i)) {
        int end = numberEnd(sql, i);
        if (end < 0) {
          // Exponents, hexadecimal, separators, long numbers: as written.
          int stop = i;
          while (stop < n && (Character.isLetterOrDigit(sql.charAt(stop)) || sql.charAt(stop) == '.'
              || sql.charAt(stop) == '_')) {
            stop++;
          }
          out.append(sql, i, stop);
          i = stop;
        } else {
          out.append(sql.lastIndexOf('.', end - 1) >= i ? DECIMAL : INTEGER);
          masked++;
          i = end;
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        if (i - start <= 9 && CODE_KEYWORDS.contains(sql.substring(start, i).toUpperCase(Locale.ROOT))) {
          return null;
        }
        out.append(sql, start, i);
      } else {
        out.append(c);
        i++;
      }
    }
    return masked == 0 ? null : out.toString();
  }

  /** Where the plain number at {@code i} ends, or -1 when it is not a plain integer or decimal. */
  private static int numberEnd(String s, int i) {
    int n = s.length();
    int j = i;
    while (j < n && isDigit(s.charAt(j))) {
      j++;
    }
    if (j < n && s.charAt(j) == '.' && j + 1 < n && isDigit(s.charAt(j + 1))) {
      j++;
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
    }
    if (j - i > MAX_DIGITS) {
      return -1;
    }
    if (j < n) {
      char next = s.charAt(j);
      if (Character.isLetterOrDigit(next) || next == '_' || next == '.' || next == '$') {
        return -1;
      }
    }
    return j;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Where a quoted string or identifier opened before {@code from} ends, or -1 when it is not closed. */
  private static int quotedEnd(String s, int from, char quote) {
    int n = s.length();
    int j = from;
    while (j < n) {
      if (s.charAt(j) == quote) {
        if (j + 1 < n && s.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return -1;
  }

  /** Where the dollar-quoted string at {@code i} ends; 0 when none starts there ({@code $1}); -1 when not closed. */
  private static int dollarQuotedEnd(String s, int i) {
    String tag = PostgresLexemes.dollarTag(s, i);
    if (tag == null) {
      return 0;
    }
    int close = s.indexOf(tag, i + tag.length());
    return close < 0 ? -1 : close + tag.length();
  }

  private static boolean prefixed(String s, int quote) {
    return PostgresLexemes.identifierBefore(s, quote) || (quote > 0 && s.charAt(quote - 1) == '&');
  }
}
