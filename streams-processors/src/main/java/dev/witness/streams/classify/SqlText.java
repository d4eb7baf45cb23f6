package dev.witness.streams.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical rules, enough to cut a query string into statements the way the server
 * does: semicolons end a statement only outside quoted strings ({@code ''}, {@code E''}),
 * quoted identifiers, dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}), comments
 * ({@code --}, nested {@code /* *}{@code /}) and parentheses. A lexer, not a parser: it also
 * works on statements no parser knows.
 */
final class SqlText {

  private SqlText() {}

  /** The statements of {@code sql}, trimmed, empty ones dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    int n = sql.length();
    int start = 0;
    int depth = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int skipped = skipToken(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ';' && depth == 0) {
        add(out, sql.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    add(out, sql.substring(start));
    return out;
  }

  private static void add(List<String> out, String statement) {
    if (!withoutComments(statement).isBlank()) {
      out.add(statement.strip());
    }
  }

  /** {@code statement} with each comment replaced by a space; strings and identifiers stay as written. */
  static String withoutCommentsOnly(String statement) {
    return withoutComments(statement, false);
  }

  /**
   * {@code statement} with comments replaced by a space and every quoted string and dollar-quoted
   * body emptied ({@code ''}, {@code $$$$}); quoted identifiers stay. Keywords can be read off it
   * without being fooled by what strings and comments contain.
   */
  static String withoutComments(String statement) {
    return withoutComments(statement, true);
  }

  /** {@code statement} with each comment replaced by a space and, when {@code emptyStrings}, strings emptied. */
  private static String withoutComments(String statement, boolean emptyStrings) {
    StringBuilder out = new StringBuilder(statement.length());
    int n = statement.length();
    int i = 0;
    while (i < n) {
      char c = statement.charAt(i);
      int end = skipToken(statement, i);
      if (end == i) {
        out.append(c);
        i++;
      } else {
        if (c == '-' || c == '/') {
          out.append(' ');
        } else if (!emptyStrings || c == '"') {
          out.append(statement, i, end);
        } else if (c == '$') {
          out.append("$$$$");
        } else {
          out.append("''");
        }
        i = end;
      }
    }
    return out.toString();
  }

  /**
   * The upper-case words of {@code statement} outside comments, strings and quoted identifiers,
   * e.g. {@code [COPY, T, FROM, PROGRAM]}.
   */
  static List<String> words(String statement) {
    List<String> words = new ArrayList<>();
    String text = withoutComments(statement);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        // A quoted identifier is a name, never a keyword.
        int close = text.indexOf('"', i + 1);
        i = close < 0 ? n : close + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) {
          i++;
        }
        words.add(text.substring(start, i).toUpperCase(Locale.ROOT));
      } else {
        i++;
      }
    }
    return words;
  }

  /** The contents of every dollar-quoted string in {@code statement} (function and DO bodies). */
  static List<String> dollarBodies(String statement) {
    List<String> bodies = new ArrayList<>();
    int n = statement.length();
    int i = 0;
    while (i < n) {
      int end = skipToken(statement, i);
      if (end == i) {
        i++;
        continue;
      }
      if (statement.charAt(i) == '$') {
        String tag = PostgresLexemes.dollarTag(statement, i);
        int close = Math.max(i + tag.length(), end - tag.length());
        bodies.add(statement.substring(i + tag.length(), close));
      }
      i = end;
    }
    return bodies;
  }

  /**
   * Where the quoted string, quoted identifier, dollar-quoted string or comment starting at
   * {@code i} ends (exclusive), or {@code i} when none starts there. An unterminated one runs to
   * the end, as the server would reject it whole.
   */
  private static int skipToken(String s, int i) {
    int n = s.length();
    char c = s.charAt(i);
    if (c == '\'') {
      boolean escapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
          && !PostgresLexemes.identifierBefore(s, i - 1);
      return skipQuoted(s, i + 1, '\'', escapes);
    }
    if (c == '"') {
      return skipQuoted(s, i + 1, '"', false);
    }
    if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
      int end = s.indexOf('\n', i);
      return end < 0 ? n : end + 1;
    }
    if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
      int end = PostgresLexemes.blockCommentEnd(s, i);
      return end < 0 ? n : end;
    }
    if (c == '$' && !PostgresLexemes.identifierBefore(s, i)) {
      String tag = PostgresLexemes.dollarTag(s, i);
      if (tag != null) {
        int end = s.indexOf(tag, i + tag.length());
        return end < 0 ? n : end + tag.length();
      }
    }
    return i;
  }

  private static int skipQuoted(String s, int from, char quote, boolean backslashEscapes) {
    int n = s.length();
    int j = from;
    while (j < n) {
      char c = s.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < n && s.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return n;
  }
}
