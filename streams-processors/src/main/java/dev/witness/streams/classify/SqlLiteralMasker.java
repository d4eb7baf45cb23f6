package dev.witness.streams.classify;

/**
 * Replaces the literals of a SQL string by {@code ?} so approvers see its shape without the data
 * it carries: quoted strings (also {@code E''} and dollar-quoted), numbers; identifiers, keywords
 * and comments stay. A lexer, not a parser, so it works on SQL that does not parse too.
 */
public final class SqlLiteralMasker {

  /** Longest text kept; approval messages need the gist, not megabytes. */
  static final int MAX_LENGTH = 4_000;

  private SqlLiteralMasker() {}

  /** {@code sql} with its literals replaced. */
  public static String mask(String sql) {
    if (sql == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH) + 16);
    int i = 0;
    int n = sql.length();
    while (i < n && out.length() < MAX_LENGTH) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipQuoted(sql, i + 1, '\'');
        out.append('?');
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
        i = skipQuoted(sql, i + 2, '\'');
        out.append('?');
      } else if (c == '"') {
        int end = skipQuoted(sql, i + 1, '"');
        out.append(sql, i, end);
        i = end;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? n : end + tag.length();
        out.append('?');
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if (Character.isDigit(c) && !identifierBefore(sql, i)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.append('?');
      } else {
        out.append(c);
        i++;
      }
    }
    if (i < n) {
      out.append("...");
    }
    return out.toString();
  }

  private static int skipQuoted(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** The {@code $tag$} opening at {@code at}, or null. */
  private static String dollarTag(String sql, int at) {
    int i = at + 1;
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    if (i < sql.length() && sql.charAt(i) == '$' && (i == at + 1 || !Character.isDigit(sql.charAt(at + 1)))) {
      return sql.substring(at, i + 1);
    }
    return null;
  }

  private static boolean identifierBefore(String sql, int at) {
    if (at == 0) {
      return false;
    }
    char p = sql.charAt(at - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$';
  }
}
