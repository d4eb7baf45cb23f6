package dev.witness.proxy.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement text that is exactly one SQL-level {@code PREPARE}, {@code EXECUTE},
 * {@code DEALLOCATE} or {@code DISCARD ALL}, so the proxy can record what an EXECUTE runs. Texts
 * with several statements are not recognised (they are recorded as sent).
 */
sealed interface SqlPrepareCommand {

  /** {@code PREPARE name [(types)] AS body}. */
  record Prepare(String name, String body) implements SqlPrepareCommand {}

  /** {@code EXECUTE name [(args)]}; arguments are the SQL expressions as written. */
  record Execute(String name, List<String> arguments) implements SqlPrepareCommand {}

  /** {@code DEALLOCATE [PREPARE] name}; a null name is {@code ALL} (also {@code DISCARD ALL}). */
  record Deallocate(String name) implements SqlPrepareCommand {}

  /** The command {@code sql} is, or null if it is none of these or more than one statement. */
  static SqlPrepareCommand parse(String sql) {
    Scanner s = new Scanner(sql);
    String verb = s.word();
    if (verb == null) {
      return null;
    }
    SqlPrepareCommand command = switch (verb) {
      case "prepare" -> prepare(s);
      case "execute" -> execute(s);
      case "deallocate" -> deallocate(s);
      case "discard" -> "all".equals(s.word()) ? new Deallocate(null) : null;
      default -> null;
    };
    return command != null && s.atEnd() ? command : null;
  }

  private static SqlPrepareCommand prepare(Scanner s) {
    String name = s.name();
    if (name == null) {
      return null;
    }
    if (s.peek() == '(' && s.parenthesised() == null) {
      return null;
    }
    if (!"as".equals(s.word())) {
      return null;
    }
    String body = s.rest();
    return body.isEmpty() ? null : new Prepare(name, body);
  }

  private static SqlPrepareCommand execute(Scanner s) {
    String name = s.name();
    if (name == null) {
      return null;
    }
    if (s.peek() != '(') {
      return new Execute(name, List.of());
    }
    List<String> args = s.parenthesised();
    return args == null ? null : new Execute(name, args);
  }

  private static SqlPrepareCommand deallocate(Scanner s) {
    int mark = s.pos;
    String word = s.word();
    if ("all".equals(word)) {
      return new Deallocate(null);
    }
    if (!"prepare".equals(word)) {
      s.pos = mark;
    } else {
      mark = s.pos;
      if ("all".equals(s.word())) {
        return new Deallocate(null);
      }
      s.pos = mark;
    }
    String name = s.name();
    return name == null ? null : new Deallocate(name);
  }

  /** Reads words, identifiers and balanced argument lists, skipping whitespace and comments. */
  final class Scanner {
    private final String sql;
    int pos;

    Scanner(String sql) {
      this.sql = sql;
    }

    char peek() {
      skipSpace();
      return pos < sql.length() ? sql.charAt(pos) : 0;
    }

    /** An unquoted keyword, lower-cased; null if none. */
    String word() {
      skipSpace();
      int start = pos;
      while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
        pos++;
      }
      return pos == start ? null : sql.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    /** An identifier as PostgreSQL folds it: unquoted lower-cased, quoted kept. */
    String name() {
      if (peek() != '"') {
        String w = word();
        return w == null || !Character.isLetter(w.charAt(0)) && w.charAt(0) != '_' ? null : w;
      }
      StringBuilder out = new StringBuilder();
      pos++;
      while (pos < sql.length()) {
        char c = sql.charAt(pos++);
        if (c == '"') {
          if (pos < sql.length() && sql.charAt(pos) == '"') {
            out.append('"');
            pos++;
          } else {
            return out.isEmpty() ? null : out.toString();
          }
        } else {
          out.append(c);
        }
      }
      return null;
    }

    /** The top-level comma-separated items of a parenthesised list; null if unbalanced. */
    List<String> parenthesised() {
      skipSpace();
      pos++;
      List<String> items = new ArrayList<>();
      int depth = 0;
      int start = pos;
      while (pos < sql.length()) {
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"') {
          if (!skipQuoted(c)) {
            return null;
          }
          continue;
        }
        if (c == '$' && skipDollarQuoted()) {
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')' && depth > 0) {
          depth--;
        } else if (c == ')' || (c == ',' && depth == 0)) {
          String item = sql.substring(start, pos).strip();
          if (!item.isEmpty() || c == ',' || !items.isEmpty()) {
            items.add(item);
          }
          pos++;
          if (c == ')') {
            return items;
          }
          start = pos;
          continue;
        }
        pos++;
      }
      return null;
    }

    /** Everything left, without the trailing semicolon; the caller checks it is one statement. */
    String rest() {
      skipSpace();
      int start = pos;
      int end = statementEnd();
      pos = end;
      return sql.substring(start, end).strip();
    }

    /** Whether only a semicolon, whitespace and comments remain. */
    boolean atEnd() {
      if (peek() == ';') {
        pos++;
      }
      return peek() == 0;
    }

    private int statementEnd() {
      while (pos < sql.length()) {
        char c = sql.charAt(pos);
        if (c == '\'' || c == '"') {
          if (!skipQuoted(c)) {
            return sql.length();
          }
        } else if (c == '$' && skipDollarQuoted()) {
          // skipped
        } else if (c == '-' && sql.startsWith("--", pos) || c == '/' && sql.startsWith("/*", pos)) {
          skipSpace();
        } else if (c == ';') {
          return pos;
        } else {
          pos++;
        }
      }
      return sql.length();
    }

    private boolean skipQuoted(char quote) {
      // E'...' strings may escape the quote with a backslash.
      boolean escapes = quote == '\'' && pos > 0 && (sql.charAt(pos - 1) == 'E' || sql.charAt(pos - 1) == 'e');
      pos++;
      while (pos < sql.length()) {
        char c = sql.charAt(pos++);
        if (escapes && c == '\\') {
          pos++;
        } else if (c == quote) {
          if (pos < sql.length() && sql.charAt(pos) == quote) {
            pos++;
          } else {
            return true;
          }
        }
      }
      return false;
    }

    private boolean skipDollarQuoted() {
      int close = sql.indexOf('$', pos + 1);
      if (close < 0) {
        return false;
      }
      String tag = sql.substring(pos, close + 1);
      if (!tag.substring(1, tag.length() - 1).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
          || tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
        return false;
      }
      int end = sql.indexOf(tag, close + 1);
      pos = end < 0 ? sql.length() : end + tag.length();
      return true;
    }

    private void skipSpace() {
      while (pos < sql.length()) {
        if (Character.isWhitespace(sql.charAt(pos))) {
          pos++;
        } else if (sql.startsWith("--", pos)) {
          int nl = sql.indexOf('\n', pos);
          pos = nl < 0 ? sql.length() : nl + 1;
        } else if (sql.startsWith("/*", pos)) {
          int end = sql.indexOf("*/", pos + 2);
          pos = end < 0 ? sql.length() : end + 2;
        } else {
          return;
        }
      }
    }
  }
}
