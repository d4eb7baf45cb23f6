package dev.witness.streams.classify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL commands told apart by their keywords, for what JSqlParser does not parse or gets
 * wrong: {@code DO} blocks, {@code COPY}, transaction control such as {@code BEGIN}, role
 * management, and the DDL and DCL statements it has no grammar for. Anything that can act outside
 * the query (a DO block, {@code COPY ... PROGRAM}, server files) is {@link RiskLevel#HIGH}; only
 * statements matched whole by a strict pattern are low risk.
 */
final class PostgresCommands {

  /**
   * What the keywords say about one statement.
   *
   * @param command e.g. {@code COPY}, {@code DROP DATABASE}
   * @param tables the tables the statement names when the keywords tell them (COPY, DROP TABLE,
   *     TRUNCATE), else empty
   * @param inner a statement inside this one that decides its kind (the query of a COPY, the
   *     statement of a PREPARE, EXPLAIN or DECLARE), or null
   */
  record Lexical(String command, RequestKind kind, RiskLevel risk, String reason, List<String> tables, String inner) {

    Lexical {
      tables = tables == null ? List.of() : List.copyOf(tables);
    }

    Lexical(String command, RequestKind kind, RiskLevel risk, String reason, String table, String inner) {
      this(command, kind, risk, reason, table == null ? List.<String>of() : List.of(table), inner);
    }

    static Lexical of(String command, RequestKind kind, RiskLevel risk, String reason) {
      return new Lexical(command, kind, risk, reason, List.of(), null);
    }
  }

  private static final Pattern BEGIN = Pattern.compile(
      "(BEGIN|START TRANSACTION)( WORK| TRANSACTION)?(,? ISOLATION LEVEL (SERIALIZABLE|REPEATABLE READ|READ COMMITTED"
          + "|READ UNCOMMITTED)|,? READ (WRITE|ONLY)|,? (NOT )?DEFERRABLE)*");
  private static final Pattern END = Pattern.compile(
      "(END|ABORT|COMMIT|ROLLBACK)( WORK| TRANSACTION)?( AND (NO )?CHAIN)?"
          + "|(SAVEPOINT|RELEASE( SAVEPOINT)?|ROLLBACK( WORK| TRANSACTION)? TO( SAVEPOINT)?) [A-Z_][A-Z0-9_$]*"
          + "|(PREPARE TRANSACTION|COMMIT PREPARED|ROLLBACK PREPARED) ''");
  private static final Pattern HARMLESS = Pattern.compile(
      "DISCARD (ALL|PLANS|SEQUENCES|TEMP|TEMPORARY)|DEALLOCATE( PREPARE)? ([A-Z_][A-Z0-9_$]*|ALL)"
          + "|LISTEN [A-Z_][A-Z0-9_$]*|UNLISTEN ([A-Z_][A-Z0-9_$]*|\\*)|CLOSE ([A-Z_][A-Z0-9_$]*|ALL)");
  private static final String NAME = "(\"[^\"]*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
  private static final Pattern COPY_TABLE = Pattern.compile(
      "(?s)COPY\\s+(BINARY\\s+)?(" + NAME + "(\\s*\\.\\s*" + NAME + ")*)\\s*(\\([^()]*\\))?\\s*(.*)",
      Pattern.CASE_INSENSITIVE);
  private static final String QUALIFIED = NAME + "(\\s*\\.\\s*" + NAME + ")*";
  private static final Pattern TABLE_LIST = Pattern.compile(
      "(?is)(DROP\\s+TABLE(\\s+IF\\s+EXISTS)?|TRUNCATE(\\s+TABLE)?(\\s+ONLY)?)\\s+(" + QUALIFIED + "(\\s*,\\s*" + QUALIFIED
          + ")*)\\s*(CASCADE|RESTRICT|RESTART\\s+IDENTITY|CONTINUE\\s+IDENTITY)?\\s*;?");
  private static final Pattern PREPARE = Pattern.compile(
      "(?is)PREPARE\\s+[\\p{L}_][\\p{L}\\p{N}_$]*\\s*(\\([^()]*\\))?\\s*AS\\s+(.+)");
  private static final Pattern DECLARE = Pattern.compile("(?is)DECLARE\\s+.*?\\bCURSOR\\b.*?\\bFOR\\s+(.+)");
  private static final Pattern EXPLAIN = Pattern.compile(
      "(?is)EXPLAIN\\s+(\\([^()]*\\)\\s*)?((ANALYZE|ANALYSE|VERBOSE)\\s+)*(.+)");

  private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "COMMENT", "SECURITY",
      "IMPORT", "REFRESH");
  private static final Set<String> DCL = Set.of("GRANT", "REVOKE", "REASSIGN");
  /** Commands that lock, rewrite or signal beyond one query; known, but not inspected. */
  private static final Set<String> MAINTENANCE = Set.of("VACUUM", "REINDEX", "CLUSTER", "LOCK", "NOTIFY", "CHECKPOINT",
      "LOAD");
  private static final Set<String> ROLES = Set.of("ROLE", "USER", "GROUP");
  private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED",
      "GLOBAL", "LOCAL", "TRUSTED", "PROCEDURAL", "RECURSIVE", "IF", "NOT", "EXISTS", "CONCURRENTLY");

  private PostgresCommands() {}

  /** Statements classified by their keywords before any parser sees them. */
  static Optional<Lexical> recognize(String statement) {
    String text = SqlText.withoutComments(statement).strip();
    String normalized = normalize(text);
    List<String> words = SqlText.words(statement);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String first = words.get(0);
    if (BEGIN.matcher(normalized).matches() || END.matcher(normalized).matches()) {
      return Optional.of(Lexical.of(first, RequestKind.TCL, RiskLevel.LOW, null));
    }
    if (HARMLESS.matcher(normalized).matches()) {
      return Optional.of(Lexical.of(first, RequestKind.OTHER, RiskLevel.LOW, null));
    }
    if (first.equals("DO")) {
      return Optional.of(doBlock(statement));
    }
    if (first.equals("COPY")) {
      return Optional.of(copy(text));
    }
    if ((first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP")) && words.size() > 1
        && ROLES.contains(words.get(1)) && !(words.size() > 2 && words.get(2).equals("MAPPING"))) {
      return Optional.of(Lexical.of(first + " " + words.get(1), RequestKind.DCL, RiskLevel.HIGH,
          first + " " + words.get(1) + " changes who may do what"));
    }
    return Optional.empty();
  }

  /**
   * Statements the parser could not read (or read as a type Witness does not know), told by their
   * leading keywords; empty when the keywords say nothing either.
   */
  static Optional<Lexical> fallback(String statement) {
    String text = SqlText.withoutComments(statement).strip();
    List<String> words = SqlText.words(statement);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String first = words.get(0);
    Matcher m;
    if (first.equals("PREPARE") && (m = PREPARE.matcher(text)).matches()) {
      return Optional.of(new Lexical("PREPARE", RequestKind.OTHER, RiskLevel.LOW, null, List.of(), m.group(2)));
    }
    if (first.equals("DECLARE") && (m = DECLARE.matcher(text)).matches()) {
      return Optional.of(new Lexical("DECLARE", RequestKind.READ, RiskLevel.LOW, null, List.of(), m.group(1)));
    }
    if (first.equals("EXPLAIN") && (m = EXPLAIN.matcher(text)).matches()) {
      // EXPLAIN ANALYZE runs its statement, so the explained statement counts as run.
      return Optional.of(new Lexical("EXPLAIN", RequestKind.READ, RiskLevel.LOW, null, List.of(), m.group(4)));
    }
    if (DDL.contains(first)) {
      String command = first + " " + object(words);
      boolean privileges = command.equals("ALTER DEFAULT");
      // JSqlParser reads one table per DROP TABLE/TRUNCATE; pgbench -i drops four at once.
      List<String> tables = (m = TABLE_LIST.matcher(text)).matches()
          ? List.of(m.group(5).replaceAll("\\s+", "").split(",")) : List.of();
      return Optional.of(new Lexical(command, privileges ? RequestKind.DCL : RequestKind.DDL, RiskLevel.HIGH,
          command + (privileges ? " is DCL" : " is DDL"), tables, null));
    }
    if (DCL.contains(first)) {
      return Optional.of(Lexical.of(first, RequestKind.DCL, RiskLevel.HIGH, first + " is DCL"));
    }
    if (MAINTENANCE.contains(first)) {
      return Optional.of(Lexical.of(first, RequestKind.OTHER, RiskLevel.HIGH,
          first + " acts beyond one query; Witness does not inspect it"));
    }
    if (first.equals("MERGE")) {
      return Optional.of(Lexical.of(first, RequestKind.DML, RiskLevel.HIGH, "MERGE may change any row of its target"));
    }
    return Optional.empty();
  }

  private static String object(List<String> words) {
    for (int i = 1; i < words.size(); i++) {
      if (!MODIFIERS.contains(words.get(i))) {
        return words.get(i);
      }
    }
    return "";
  }

  /** A DO block runs procedural code Witness cannot inspect: whatever it contains, it counts as a schema change. */
  private static Lexical doBlock(String statement) {
    boolean privileges = SqlText.dollarBodies(statement).stream().map(SqlText::words)
        .anyMatch(w -> w.contains("GRANT") || w.contains("REVOKE") || w.contains("ROLE"));
    return Lexical.of("DO", privileges ? RequestKind.DCL : RequestKind.DDL, RiskLevel.HIGH,
        "DO runs procedural code Witness cannot inspect");
  }

  private static Lexical copy(String text) {
    String query = null;
    String table = null;
    String rest;
    String afterCopy = text.substring(4).stripLeading();
    if (afterCopy.startsWith("(")) {
      int close = matchingParenthesis(afterCopy);
      if (close < 0) {
        return Lexical.of("COPY", RequestKind.OTHER, RiskLevel.HIGH, "COPY whose query Witness cannot read");
      }
      query = afterCopy.substring(1, close);
      rest = afterCopy.substring(close + 1);
    } else {
      Matcher m = COPY_TABLE.matcher(text);
      if (!m.matches()) {
        return Lexical.of("COPY", RequestKind.OTHER, RiskLevel.HIGH, "COPY whose table Witness cannot read");
      }
      table = m.group(2).replaceAll("\\s+", "");
      rest = m.group(7);
    }
    List<String> words = SqlText.words(rest);
    String target = normalize(rest);
    boolean from = !words.isEmpty() && words.get(0).equals("FROM");
    boolean to = !words.isEmpty() && words.get(0).equals("TO");
    RequestKind kind = from ? RequestKind.DML : RequestKind.READ;
    if (!from && !to) {
      return new Lexical("COPY", RequestKind.OTHER, RiskLevel.HIGH, "COPY without FROM or TO", table, query);
    }
    if (words.size() > 1 && words.get(1).equals("PROGRAM")) {
      return new Lexical("COPY", kind, RiskLevel.HIGH, "COPY ... PROGRAM runs a shell command on the database server",
          table, query);
    }
    if (target.matches("(FROM STDIN|TO STDOUT)\\b.*")) {
      return new Lexical("COPY", kind, from ? RiskLevel.MEDIUM : RiskLevel.LOW, null, table, query);
    }
    return new Lexical("COPY", kind, RiskLevel.HIGH,
        "COPY " + (from ? "FROM" : "TO") + " a file " + (from ? "reads" : "writes") + " the database server's files",
        table, query);
  }

  private static int matchingParenthesis(String text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Upper case, one space between tokens, no space before a comma: the form the patterns expect. */
  private static String normalize(String text) {
    return text.toUpperCase(Locale.ROOT).strip().replaceAll("\\s+", " ").replace(" ,", ",");
  }
}
