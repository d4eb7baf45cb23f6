package dev.witness.streams.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement for {@link SimpleStatementReader}: plain identifiers, plain numbers,
 * plain string literals and a few operators. Anything else (quoted identifiers, {@code $1}
 * parameters, dollar quoting, {@code ::} casts, escape strings, backslashes, non-ASCII text) makes
 * the statement unreadable here, so it goes to JSqlParser: this lexer declines rather than guesses.
 */
final class SimpleSqlTokens {

  /** What a token is. */
  enum Type { WORD, NUMBER, STRING, SYMBOL }

  /**
   * One token.
   *
   * @param text as written, except that a word is upper case
   * @param start where it starts in the statement, so adjacency ({@code s.t}) can be told
   */
  record Token(Type type, String text, int start, int end) {

    boolean is(String symbolOrWord) {
      return (type == Type.WORD || type == Type.SYMBOL) && text.equals(symbolOrWord);
    }
  }

  /** Longest number read: longer ones may not fit a parser's integer type. */
  private static final int MAX_DIGITS = 18;

  private SimpleSqlTokens() {}

  /** The tokens of {@code sql} (comments already removed), or null when it holds anything this lexer does not read. */
  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        i++;
      } else if (isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (isLetter(sql.charAt(i)) || isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        if (i < n && (sql.charAt(i) == '\'' || sql.charAt(i) == '$' || sql.charAt(i) == '&' || sql.charAt(i) > 127)) {
          // E'...', B'...', U&'...': prefixed strings; x$y: PostgreSQL identifiers JSqlParser reads otherwise.
          return null;
        }
        tokens.add(new Token(Type.WORD, sql.substring(start, i).toUpperCase(Locale.ROOT), start, i));
      } else if (isDigit(c)) {
        int start = i;
        while (i < n && isDigit(sql.charAt(i))) {
          i++;
        }
        if (i < n && sql.charAt(i) == '.') {
          i++;
          if (i >= n || !isDigit(sql.charAt(i))) {
            return null;
          }
          while (i < n && isDigit(sql.charAt(i))) {
            i++;
          }
        }
        if (i - start > MAX_DIGITS || (i < n && (isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '.' || sql.charAt(i) > 127))) {
          return null;
        }
        tokens.add(new Token(Type.NUMBER, sql.substring(start, i), start, i));
      } else if (c == '\'') {
        int start = i;
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char s = sql.charAt(i);
          if (s == '\'') {
            if (i + 1 < n && sql.charAt(i + 1) == '\'') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (s == '\\') {
            return null;
          }
          i++;
        }
        if (i < n && sql.charAt(i) == '\'') {
          return null;
        }
        tokens.add(new Token(Type.STRING, sql.substring(start, i), start, i));
      } else {
        int end = symbolEnd(sql, i);
        if (end < 0) {
          return null;
        }
        tokens.add(new Token(Type.SYMBOL, sql.substring(i, end), i, end));
        i = end;
      }
    }
    return tokens;
  }

  /** Where the operator at {@code i} ends, or -1 for one not read here. */
  private static int symbolEnd(String sql, int i) {
    char c = sql.charAt(i);
    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : ' ';
    return switch (c) {
      case '(', ')', ',', '.', '=', '+', '*', '/' -> i + 1;
      // "--" and "/*" were comments and are gone; "-" before another operator character is not read here.
      case '-' -> next == '>' ? -1 : i + 1;
      case '<' -> next == '=' || next == '>' ? i + 2 : (isOperator(next) ? -1 : i + 1);
      case '>' -> next == '=' ? i + 2 : (isOperator(next) ? -1 : i + 1);
      case '!' -> next == '=' ? i + 2 : -1;
      default -> -1;
    };
  }

  private static boolean isOperator(char c) {
    return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
