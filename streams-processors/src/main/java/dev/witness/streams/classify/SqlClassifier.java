package dev.witness.streams.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Classifies a SQL string with JSqlParser: statement kinds, tables and columns touched, WHERE and
 * LIMIT. The string is first cut into statements by PostgreSQL's lexical rules ({@link SqlText}),
 * and PostgreSQL commands JSqlParser does not know ({@code DO}, {@code COPY}, {@code BEGIN}, role
 * management, DDL without a grammar) are told by their keywords ({@link PostgresCommands}); the
 * common statement forms are read by {@link SimpleStatementReader}, which gives the same facts as
 * JSqlParser in microseconds and leaves everything else to it. Fails closed: SQL that does not parse, statement types it does not know and statements it cannot fully
 * inspect are {@link RiskLevel#HIGH}.
 */
public final class SqlClassifier {

  private static final Map<String, RequestKind> KIND_BY_TYPE = Map.ofEntries(
      Map.entry("CreateTable", RequestKind.DDL), Map.entry("CreateIndex", RequestKind.DDL),
      Map.entry("CreateView", RequestKind.DDL), Map.entry("AlterView", RequestKind.DDL),
      Map.entry("Alter", RequestKind.DDL), Map.entry("Drop", RequestKind.DDL),
      Map.entry("Truncate", RequestKind.DDL), Map.entry("Comment", RequestKind.DDL),
      Map.entry("RenameTableStatement", RequestKind.DDL), Map.entry("CreateSchema", RequestKind.DDL),
      Map.entry("CreateSequence", RequestKind.DDL), Map.entry("AlterSequence", RequestKind.DDL),
      Map.entry("CreateFunctionalStatement", RequestKind.DDL), Map.entry("CreateFunction", RequestKind.DDL),
      Map.entry("CreateProcedure", RequestKind.DDL), Map.entry("CreateSynonym", RequestKind.DDL),
      Map.entry("AlterSession", RequestKind.DDL), Map.entry("AlterSystemStatement", RequestKind.DDL),
      Map.entry("RefreshMaterializedViewStatement", RequestKind.DDL), Map.entry("PurgeStatement", RequestKind.DDL),
      Map.entry("Grant", RequestKind.DCL),
      Map.entry("Commit", RequestKind.TCL), Map.entry("RollbackStatement", RequestKind.TCL),
      Map.entry("SavepointStatement", RequestKind.TCL),
      Map.entry("ShowStatement", RequestKind.OTHER), Map.entry("ShowColumnsStatement", RequestKind.OTHER),
      Map.entry("ShowTablesStatement", RequestKind.OTHER), Map.entry("ShowIndexStatement", RequestKind.OTHER),
      Map.entry("DescribeStatement", RequestKind.OTHER), Map.entry("UseStatement", RequestKind.OTHER),
      Map.entry("ResetStatement", RequestKind.OTHER));

  /** Statement types that name no table, so not finding their tables hides nothing. */
  private static final Set<String> TABLELESS = Set.of("SetStatement", "ResetStatement", "Commit", "RollbackStatement",
      "SavepointStatement", "UseStatement", "ShowStatement");

  /** Server functions that act outside the query (sessions, files, configuration, other servers). */
  private static final Set<String> DANGEROUS_FUNCTIONS = Set.of(
      "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
      "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "lo_import", "lo_export",
      "dblink", "dblink_exec", "set_config", "pg_promote", "pg_switch_wal", "query_to_xml");

  private SqlClassifier() {}

  /** Statements longer than this are not cached: agents repeat short statements, and memory stays bounded. */
  static final int MAX_CACHED_LENGTH = 16 * 1024;

  /** How many distinct statements the cache keeps (least recently used goes first). */
  static final int CACHE_ENTRIES = 2048;

  // Parsing costs hundreds of microseconds on the agent's path; agents repeat the same statement
  // text (bound parameters are not part of it), so results are memoized. Classification is a pure
  // function of the text, so a cached result is the result.
  private static final Map<String, Result> CACHE = leastRecentlyUsed(CACHE_ENTRIES);

  // Agents also send the same statement with different literals inlined (WHERE id = 7, then 8): those
  // share one classification, found by the text's shape (SqlShape) without parsing again.
  private static final Map<String, Result> SHAPES = leastRecentlyUsed(CACHE_ENTRIES);

  private static Map<String, Result> leastRecentlyUsed(int entries) {
    return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(entries, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
        return size() > entries;
      }
    });
  }

  /** The facts and risk of {@code sql}, which may hold several statements. */
  public static ClassifiedRequest classify(String sql) {
    return request(analyze(sql));
  }

  /**
   * As {@link #classify}, without the caches: always read or parsed (for measurements and callers that must
   * not keep the text).
   */
  public static ClassifiedRequest classifyWithoutCache(String sql) {
    return request(parse(sql));
  }

  /**
   * As {@link #classify} for a text never seen before: served by the classification of an earlier
   * statement of the same shape when there is one, else parsed (for measurements).
   */
  public static ClassifiedRequest classifyFirstSeen(String sql) {
    return request(byShape(sql == null ? "" : sql));
  }

  /**
   * Forgets every classification kept, so the next statement of any shape is classified as never seen
   * (for measurements and tests).
   */
  public static void forgetClassifications() {
    CACHE.clear();
    SHAPES.clear();
  }

  private static ClassifiedRequest request(Result result) {
    return new ClassifiedRequest(result.facts.kind(), result.risk, result.reasons, result.facts, null, null, null);
  }

  /** The facts and risk of {@code sql}, from the cache when it was classified before. */
  static Result analyze(String sql) {
    String text = sql == null ? "" : sql;
    if (text.length() > MAX_CACHED_LENGTH) {
      return parse(text);
    }
    Result cached = CACHE.get(text);
    if (cached == null) {
      cached = byShape(text);
      CACHE.put(text, cached);
    }
    return cached;
  }

  /** The classification of an earlier statement of {@code text}'s shape, else {@code text} parsed. */
  static Result byShape(String text) {
    String shape = text.length() > MAX_CACHED_LENGTH ? null : SqlShape.of(text);
    if (shape == null) {
      return parse(text);
    }
    Result known = SHAPES.get(shape);
    if (known != null) {
      return known;
    }
    Result parsed = parse(text);
    if (shareable(parsed)) {
      SHAPES.put(shape, parsed);
    }
    return parsed;
  }

  /**
   * Whether {@code result} holds nothing taken from a literal's value: a parser's message may quote
   * literals or their positions, and JSqlParser reads a string where PostgreSQL wants a name
   * ({@code FROM 'customers'}) as that name, quotes included.
   */
  private static boolean shareable(Result result) {
    SqlFacts facts = result.facts();
    return facts.parseError() == null && noQuote(facts.tables()) && noQuote(facts.qualifiedTables())
        && noQuote(facts.columns()) && noQuote(facts.functions()) && noQuote(facts.commands());
  }

  private static boolean noQuote(List<String> names) {
    for (String name : names) {
      if (name.indexOf('\'') >= 0) {
        return false;
      }
    }
    return true;
  }

  static Result parse(String sql) {
    return parse(sql, true);
  }

  /** {@code sql} classified by JSqlParser alone, without the fast path (to hold the fast path to it in tests). */
  static Result parsedByJSqlParser(String sql) {
    return parse(sql, false);
  }

  /**
   * {@code sql} classified; with {@code readSimpleForms}, the statements {@link SimpleStatementReader}
   * reads are classified from what it read instead of JSqlParser's parse tree.
   */
  private static Result parse(String sql, boolean readSimpleForms) {
    Collector collector = new Collector();
    try {
      for (String statement : SqlText.statements(sql == null ? "" : sql)) {
        add(collector, statement, 0, readSimpleForms);
      }
    } catch (RuntimeException | StackOverflowError e) {
      // A parse tree this classifier cannot walk is as opaque as SQL that does not parse.
      return unparseable(e);
    }
    return collector.result();
  }

  /** How deep statements inside statements (EXPLAIN PREPARE ...) are followed. */
  private static final int MAX_NESTING = 4;

  private static void add(Collector collector, String statement, int depth, boolean readSimpleForms) {
    if (depth > MAX_NESTING) {
      collector.unparseable("statements nested more than " + MAX_NESTING + " deep");
      return;
    }
    Optional<PostgresCommands.Lexical> lexical = PostgresCommands.recognize(statement);
    if (lexical.isPresent()) {
      add(collector, lexical.get(), depth, readSimpleForms);
      return;
    }
    // Comments go first: JSqlParser does not nest them as PostgreSQL does.
    String withoutComments = SqlText.withoutCommentsOnly(statement);
    if (readSimpleForms) {
      // The common forms are read in microseconds; JSqlParser takes hundreds for them.
      SimpleStatementReader.Read read = SimpleStatementReader.read(withoutComments);
      if (read != null) {
        collector.add(read);
        return;
      }
    }
    Statement parsed;
    try {
      parsed = StatementParser.parse(withoutComments);
    } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
      Optional<PostgresCommands.Lexical> known = PostgresCommands.fallback(statement);
      if (known.isEmpty()) {
        // The other statements are still looked at, but the string as a whole stays unparseable.
        collector.unparseable(message(e));
        return;
      }
      collector.parseError(message(e));
      add(collector, known.get(), depth, readSimpleForms);
      return;
    }
    if (parsed == null) {
      return;
    }
    if (!Collector.knows(parsed)) {
      Optional<PostgresCommands.Lexical> known = PostgresCommands.fallback(statement);
      if (known.isPresent()) {
        add(collector, known.get(), depth, readSimpleForms);
        return;
      }
    }
    collector.add(parsed);
  }

  private static void add(Collector collector, PostgresCommands.Lexical lexical, int depth, boolean readSimpleForms) {
    if (lexical.inner() == null) {
      collector.add(lexical);
      return;
    }
    // The inner statement decides the kind; the outer one may only add risk (COPY ... TO PROGRAM).
    add(collector, lexical.inner(), depth + 1, readSimpleForms);
    collector.raise(lexical.risk(), lexical.reason());
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
  }

  private static Result unparseable(Throwable e) {
    String message = message(e);
    SqlFacts facts = new SqlFacts(RequestKind.UNPARSEABLE, List.of(), List.of(), List.of(), List.of(), List.of(),
        false, false, 0, message);
    return new Result(facts, RiskLevel.HIGH, List.of("SQL does not parse"));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Parser messages quote the statement; keep them short, they may be shown to the agent.
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /** Facts plus risk. */
  record Result(SqlFacts facts, RiskLevel risk, List<String> reasons) {}

  /** Accumulates facts over the statements of one string. */
  private static final class Collector {
    private final List<String> commands = new ArrayList<>();
    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<String> qualifiedTables = new LinkedHashSet<>();
    private final Set<String> columns = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();
    private final List<String> reasons = new ArrayList<>();
    private RequestKind kind = null;
    private RiskLevel risk = RiskLevel.LOW;
    private boolean everyWriteHasWhere = true;
    private boolean sawSelect = false;
    private boolean everySelectHasLimit = true;
    private int count = 0;
    private String parseError = null;

    private void addTables(Set<String> found) {
      for (String table : found) {
        String qualified = unquote(table);
        qualifiedTables.add(qualified);
        tables.add(qualified.substring(qualified.lastIndexOf('.') + 1));
      }
    }

    /** Whether {@link #classify} knows {@code statement}'s type. */
    static boolean knows(Statement statement) {
      return statement instanceof Select || statement instanceof Insert || statement instanceof Update
          || statement instanceof Delete || statement instanceof SetStatement
          || (statement instanceof ExplainStatement explain && explain.getStatement() != null)
          || KIND_BY_TYPE.containsKey(statement.getClass().getSimpleName());
    }

    void parseError(String message) {
      if (parseError == null) {
        parseError = message;
      }
    }

    /** A statement neither the parser nor its keywords classify: the string is {@link RequestKind#UNPARSEABLE}. */
    void unparseable(String message) {
      count++;
      parseError(message);
      everyWriteHasWhere = false;
      kind(RequestKind.UNPARSEABLE, RiskLevel.HIGH, "SQL does not parse");
    }

    /** A statement classified by its keywords: its tables are unknown, except those the keywords name. */
    void add(PostgresCommands.Lexical lexical) {
      count++;
      commands.add(lexical.command());
      if (!lexical.tables().isEmpty()) {
        addTables(Set.copyOf(lexical.tables()));
      }
      kind(lexical.kind(), lexical.risk(), lexical.reason());
    }

    /** A statement {@link SimpleStatementReader} read: the same facts, in the same order, as its parse tree gives. */
    void add(SimpleStatementReader.Read read) {
      count++;
      commands.add(read.command());
      if (read.tablesUnknown()) {
        raise(RiskLevel.HIGH, "tables of " + read.command() + " cannot be determined");
      } else {
        addTables(read.tables());
      }
      columns.addAll(read.columns());
      functions.addAll(read.functions());
      for (String function : read.functions()) {
        if (DANGEROUS_FUNCTIONS.contains(function)) {
          raise(RiskLevel.HIGH, "calls " + function);
        }
      }
      switch (read.form()) {
        case SELECT -> {
          sawSelect = true;
          everySelectHasLimit &= read.hasLimit();
          // The UPDATEs and DELETEs of its CTEs, as modifyingCtes sees them.
          read.writes().forEach(w -> write(w.command(), w.hasWhere(), w.whereRefersToAColumn()));
          boolean modifies = !read.writes().isEmpty();
          kind(modifies ? RequestKind.DML : RequestKind.READ, modifies ? RiskLevel.MEDIUM : RiskLevel.LOW, null);
        }
        case INSERT -> kind(RequestKind.DML, RiskLevel.MEDIUM, null);
        case UPDATE, DELETE -> read.writes().forEach(w -> write(w.command(), w.hasWhere(), w.whereRefersToAColumn()));
        case DDL -> kind(RequestKind.DDL, RiskLevel.HIGH, read.command() + " is DDL");
      }
    }

    void add(Statement statement) {
      count++;
      String command = command(statement);
      commands.add(command);
      ReferenceFinder finder = new ReferenceFinder();
      try {
        addTables(finder.getTables(statement));
      } catch (RuntimeException notSupported) {
        // The finder does not walk every statement type (nor a SELECT over a writing CTE, which is walked part
        // by part). Otherwise its tables are unknown, so rules on tables cannot see them.
        Optional<Set<String>> parts = finder.tablesPartByPart(statement);
        if (parts.isPresent()) {
          addTables(parts.get());
        } else if (!TABLELESS.contains(statement.getClass().getSimpleName())) {
          raise(RiskLevel.HIGH, "tables of " + command + " cannot be determined");
        }
      }
      columns.addAll(finder.columns());
      columns.addAll(ReferenceFinder.definedColumns(statement));
      functions.addAll(finder.functions());
      for (String function : finder.functions()) {
        if (DANGEROUS_FUNCTIONS.contains(function)) {
          raise(RiskLevel.HIGH, "calls " + function);
        }
      }
      classify(statement, command);
    }

    private void classify(Statement statement, String command) {
      switch (statement) {
        case Select select -> {
          sawSelect = true;
          everySelectHasLimit &= hasLimit(select);
          boolean modifies = modifyingCte(select);
          kind(modifies ? RequestKind.DML : RequestKind.READ, modifies ? RiskLevel.MEDIUM : RiskLevel.LOW, null);
        }
        case Insert insert -> {
          modifyingCtes(insert.getWithItemsList());
          kind(RequestKind.DML, RiskLevel.MEDIUM, null);
        }
        case Update update -> {
          modifyingCtes(update.getWithItemsList());
          write("UPDATE", update.getWhere());
        }
        case Delete delete -> {
          modifyingCtes(delete.getWithItemsList());
          write("DELETE", delete.getWhere());
        }
        case ExplainStatement explain when explain.getStatement() != null -> {
          // EXPLAIN ANALYZE runs its statement, so an explained statement counts as run.
          classify(explain.getStatement(), command(explain.getStatement()));
        }
        case SetStatement set -> {
          String text = set.toString().toUpperCase(Locale.ROOT);
          if (text.matches("(?s)SET\\s+(SESSION\\s+|LOCAL\\s+)?(ROLE|SESSION\\s+AUTHORIZATION)\\b.*")) {
            kind(RequestKind.DCL, RiskLevel.HIGH, "SET ROLE changes the privileges of the session");
          } else {
            kind(RequestKind.OTHER, RiskLevel.LOW, null);
          }
        }
        default -> {
          RequestKind known = KIND_BY_TYPE.get(statement.getClass().getSimpleName());
          if (known == null) {
            kind(RequestKind.OTHER, RiskLevel.HIGH, command + " is not a statement Witness classifies");
          } else if (known == RequestKind.DDL || known == RequestKind.DCL) {
            kind(known, RiskLevel.HIGH, command + " is " + known);
          } else {
            kind(known, RiskLevel.LOW, null);
          }
        }
      }
    }

    private boolean modifyingCte(Select select) {
      return modifyingCtes(select.getWithItemsList());
    }

    private boolean modifyingCtes(List<WithItem<?>> items) {
      boolean any = false;
      if (items == null) {
        return false;
      }
      for (WithItem<?> item : items) {
        switch (item.getParenthesedStatement()) {
          case ParenthesedDelete delete -> {
            write("DELETE", delete.getDelete().getWhere());
            any = true;
          }
          case ParenthesedUpdate update -> {
            write("UPDATE", update.getUpdate().getWhere());
            any = true;
          }
          case ParenthesedInsert insert -> {
            kind(RequestKind.DML, RiskLevel.MEDIUM, null);
            any = true;
          }
          case null, default -> { }
        }
      }
      return any;
    }

    private void write(String command, Expression where) {
      write(command, where != null, where != null && ReferenceFinder.refersToAColumn(where));
    }

    private void write(String command, boolean hasWhere, boolean whereRefersToAColumn) {
      if (!whereRefersToAColumn) {
        everyWriteHasWhere = false;
        kind(RequestKind.DML, RiskLevel.HIGH,
            command + (!hasWhere ? " without WHERE" : " with a WHERE that holds for every row"));
      } else {
        kind(RequestKind.DML, RiskLevel.MEDIUM, null);
      }
    }

    private static boolean hasLimit(Select select) {
      if (select.getLimit() != null || select.getFetch() != null) {
        return true;
      }
      if (select instanceof PlainSelect plain) {
        return plain.getLimit() != null || plain.getFetch() != null || plain.getTop() != null;
      }
      if (select instanceof SetOperationList list) {
        return list.getLimit() != null || list.getFetch() != null;
      }
      return false;
    }

    private void kind(RequestKind statementKind, RiskLevel statementRisk, String reason) {
      if (kind == null || rank(statementKind) > rank(kind)) {
        kind = statementKind;
      }
      raise(statementRisk, reason);
    }

    private void raise(RiskLevel level, String reason) {
      risk = risk.max(level);
      if (reason != null && !reasons.contains(reason)) {
        reasons.add(reason);
      }
    }

    Result result() {
      if (count > 1) {
        raise(RiskLevel.MEDIUM, count + " statements in one string");
      }
      SqlFacts facts = new SqlFacts(kind == null ? RequestKind.OTHER : kind, commands, List.copyOf(tables),
          List.copyOf(qualifiedTables), List.copyOf(columns), List.copyOf(functions), everyWriteHasWhere,
          sawSelect && everySelectHasLimit, count, parseError);
      return new Result(facts, risk, reasons);
    }
  }

  private static int rank(RequestKind kind) {
    return switch (kind) {
      case READ -> 0;
      case TCL -> 1;
      case OTHER -> 2;
      case DML -> 3;
      case DDL -> 4;
      case DCL -> 5;
      default -> 6;
    };
  }

  static String command(Statement statement) {
    String type = statement.getClass().getSimpleName();
    return switch (type) {
      case "Select", "PlainSelect", "SetOperationList", "ParenthesedSelect", "Values", "TableStatement", "FromQuery" -> "SELECT";
      case "CreateTable" -> "CREATE TABLE";
      case "CreateIndex" -> "CREATE INDEX";
      case "CreateView" -> "CREATE VIEW";
      case "Alter" -> "ALTER TABLE";
      case "RollbackStatement" -> "ROLLBACK";
      case "SetStatement" -> "SET";
      case "ExplainStatement" -> "EXPLAIN";
      default -> type.replace("Statement", "").toUpperCase(Locale.ROOT);
    };
  }

  static String unquote(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '`') {
        quoted = !quoted;
      } else {
        // Unquoted identifiers fold to lower case in PostgreSQL; quoted ones keep their case.
        out.append(quoted ? c : Character.toLowerCase(c));
      }
    }
    return out.toString();
  }
}
