package dev.witness.schemas.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in {@code witness.yaml} text with
 * environment variables, so one file serves every replica and secrets stay out of it. {@code $${}
 * writes a literal {@code ${}; lines that are comments are left alone. Substituted values are
 * never echoed in errors: they may be secrets.
 */
final class EnvSubstitution {

  private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = env;
  }

  /** The text with every reference replaced; throws naming each unset variable and its line. */
  String apply(String text, String source) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> problems = new ArrayList<>();
    while (m.find()) {
      String replacement;
      if (inCommentLine(text, m.start())) {
        // Comments may explain the syntax itself ("${NAME:-default}"): only values are replaced.
        replacement = m.group();
      } else if (!m.group(1).isEmpty()) {
        replacement = "${" + m.group(2) + "}";
      } else {
        replacement = resolve(m.group(2), line(text, m.start()), source, problems);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out.toString();
  }

  private String resolve(String expression, int line, String source, List<String> problems) {
    int split = expression.indexOf(":-");
    String name = split < 0 ? expression : expression.substring(0, split);
    if (!NAME.matcher(name).matches()) {
      problems.add(source + ": line " + line + ": '${" + expression + "}' is not a variable reference; write ${NAME} "
          + "or ${NAME:-default} (letters, digits and _), or $${ for a literal ${");
      return "";
    }
    String value = env.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (split >= 0) {
      return expression.substring(split + 2);
    }
    problems.add(source + ": line " + line + ": environment variable " + name + " is not set; set it, "
        + "or write ${" + name + ":-default}");
    return "";
  }

  private static boolean inCommentLine(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    return text.substring(start, offset).stripLeading().startsWith("#");
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
