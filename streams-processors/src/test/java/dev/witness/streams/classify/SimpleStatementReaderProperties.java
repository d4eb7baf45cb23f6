package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.classify.bench.SqlCorpus;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path ({@link SimpleStatementReader}) gives exactly the classification JSqlParser gives, or
 * declines: over generated statements of every form it reads, over those statements broken token by
 * token, and over the whole benchmark corpus, which it must mostly cover.
 */
class SimpleStatementReaderProperties {

  @Property(tries = 1_000)
  void aStatementOfAReadFormClassifiesAsJSqlParserClassifiesIt(@ForAll("statements") String sql) {
    assertSameClassification(sql);
  }

  /**
   * The fast path's classification of {@code sql} is JSqlParser's. Where both go to JSqlParser and it
   * gives up, one run may time out (the watchdog, on a loaded machine) where the other reports a syntax error.
   */
  private static void assertSameClassification(String sql) {
    SqlClassifier.Result fast = SqlClassifier.parse(sql);
    SqlClassifier.Result parsed = SqlClassifier.parsedByJSqlParser(sql);
    if (fast.facts().kind() == RequestKind.UNPARSEABLE && parsed.facts().kind() == RequestKind.UNPARSEABLE
        && (timedOut(fast) || timedOut(parsed))) {
      assertThat(SimpleStatementReader.read(SqlText.withoutCommentsOnly(sql))).as(sql).isNull();
      return;
    }
    assertThat(fast).as(sql).isEqualTo(parsed);
  }

  private static boolean timedOut(SqlClassifier.Result result) {
    return "Time out occurred.".equals(result.facts().parseError());
  }

  @Property(tries = 500)
  void generatedStatementsAreMostlyRead(@ForAll("simpleStatements") String sql) {
    // Statements built only from names, literals and clauses the reader knows: it must read them.
    assertThat(SimpleStatementReader.read(sql)).as(sql).isNotNull();
    assertSameClassification(sql);
  }

  @Property(tries = 1_000)
  void aBrokenStatementIsDeclinedOrClassifiedAsJSqlParserDoes(
      @ForAll("statements") String sql, @ForAll("edits") Edit edit) {
    assertSameClassification(edit.apply(sql));
  }

  @Example
  void theWholeCorpusClassifiesAsJSqlParserClassifiesItAndMostOfItIsRead() {
    List<String> corpus = new ArrayList<>(SqlCorpus.statements(1_000, 20_260_101L));
    corpus.addAll(SqlCorpus.agentTraffic(1_000, 20_260_101L));
    int read = 0;
    for (String sql : corpus) {
      assertSameClassification(sql);
      // Transaction control and the like are told by their keywords (PostgresCommands), never parsed.
      if (SqlText.statements(sql).stream().allMatch(s -> PostgresCommands.recognize(s).isPresent()
          || SimpleStatementReader.read(SqlText.withoutCommentsOnly(s)) != null)) {
        read++;
      }
    }
    int share = read * 100 / corpus.size();
    System.out.printf("classified without JSqlParser: %d of %d corpus strings (%d%%)%n", read, corpus.size(), share);
    assertThat(share).isGreaterThanOrEqualTo(75);
  }

  @Example
  void whatJSqlParserRejectsIsNeverRead() {
    for (String sql : List.of("SELECT x FROM", "SELECT x FROM t WHERE", "DELETE FROM t WHERE a =", "UPDATE t SET",
        "SELECT x FROM t WHERE a = = 1", "INSERT INTO t (a) VALUES", "SELECT x FROM t JOIN u", "SELECT FROM t t t",
        "DROP TABLE", "ALTER TABLE t ADD COLUMN c", "SELECT x FROM t LIMIT", "SELECT 1 2")) {
      assertThat(SimpleStatementReader.read(sql)).as(sql).isNull();
      assertThat(SqlClassifier.parse(sql)).as(sql).isEqualTo(SqlClassifier.parsedByJSqlParser(sql));
    }
  }

  @Example
  void aDeleteWithoutAColumnInItsWhereStaysHighRiskOnTheFastPath() {
    for (String sql : List.of("DELETE FROM orders", "DELETE FROM orders WHERE true", "DELETE FROM t WHERE 1 = 1",
        "DELETE FROM t WHERE 1 IN (SELECT x FROM u)", "UPDATE t SET a = 1")) {
      assertThat(SimpleStatementReader.read(sql)).as(sql).isNotNull();
      assertThat(SqlClassifier.parse(sql).risk()).as(sql).isEqualTo(RiskLevel.HIGH);
      assertThat(SqlClassifier.parse(sql)).as(sql).isEqualTo(SqlClassifier.parsedByJSqlParser(sql));
    }
  }

  /** A change to a statement's text: a token dropped, doubled, or a word or symbol put in. */
  record Edit(int where, int what, String inserted) {
    String apply(String sql) {
      String[] tokens = sql.split(" ");
      int i = Math.floorMod(where, tokens.length);
      List<String> out = new ArrayList<>(List.of(tokens));
      switch (Math.floorMod(what, 3)) {
        case 0 -> out.remove(i);
        case 1 -> out.add(i, tokens[i]);
        default -> out.add(i, inserted);
      }
      return String.join(" ", out);
    }
  }

  @Provide
  Arbitrary<Edit> edits() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(),
        Arbitraries.of("(", ")", ",", "=", ".", "NOT", "AND", "SELECT", "FROM", "WHERE", "JOIN", "ON", "AS", "x",
            "'s'", "1", "*", "-", "LIMIT", "ORDER BY", "GROUP BY", "IN", "IS", "NULL", "$1", "::int", "\"Q\"",
            "e'x'", "||", "CASE", "VALUES", "DISTINCT", "RETURNING", "USING", "TABLE", "INTERVAL", "name", "value",
            "key", "type", "date", "user", "public.t", "lower(x)", "count(*)", ";", "/* c */", "-- c\n", "true"))
        .as(Edit::new);
  }

  // --- generated statements ---------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> statements() {
    return Arbitraries.oneOf(simpleStatements(), trickyStatements());
  }

  @Provide
  Arbitrary<String> simpleStatements() {
    return Arbitraries.oneOf(select(plainNames()), insert(plainNames()), update(plainNames()),
        delete(plainNames()), ddl(plainNames()), with(plainNames(), Arbitraries.of("recent", "gone", "x1")));
  }

  /** Statements whose names and values include what the reader must decline or treat with care. */
  private Arbitrary<String> trickyStatements() {
    return Arbitraries.oneOf(select(trickyNames()), insert(trickyNames()), update(trickyNames()),
        delete(trickyNames()), ddl(trickyNames()),
        with(trickyNames(), Arbitraries.of("recent", "gone", "orders", "Orders", "t", "x1", "select")));
  }

  private static Arbitrary<String> plainNames() {
    return Arbitraries.of("id", "email", "status", "total", "created_at", "orders", "customers", "Orders", "a", "b",
        "t", "u", "x1", "name", "public.orders", "s.t", "audit_log", "CamelCase");
  }

  private static Arbitrary<String> trickyNames() {
    return Arbitraries.oneOf(plainNames(), Arbitraries.of("\"Quoted\"", "\"select\"", "user", "value", "key", "type",
        "date", "data", "comment", "text", "count", "current_date", "default", "true", "null", "interval", "a$b",
        "s . t", "s.t.u", "é", "level", "sysdate", "rownum", "first", "next", "filter", "over", "left", "row",
        "limit", "e", "b", "x", "tablesample", "window", "connect", "start", "all", "any", "some", "cast",
        "schema", "index", "global", "temporary", "lower", "public", "public.t.u", "max", "coalesce"));
  }

  private Arbitrary<String> select(Arbitrary<String> names) {
    Arbitrary<String> items = Arbitraries.oneOf(Arbitraries.just("*"), expression(names, 1),
        Combinators.combine(expression(names, 1), columnNames(names)).as((e, a) -> e + " AS " + a),
        columnNames(names).map(n -> n + ".*"),
        Combinators.combine(expression(names, 1), columnNames(names)).as((e, a) -> e + " " + a))
        .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
    Arbitrary<String> from = Combinators.combine(names, columnNames(names), Arbitraries.of("", " AS", " "), joins(names))
        .as((t, a, as, j) -> " FROM " + t + (as.isEmpty() ? "" : as + " " + a) + j);
    Arbitrary<String> where = expression(names, 2).map(e -> " WHERE " + e).injectNull(0.3).map(w -> w == null ? "" : w);
    Arbitrary<String> groupBy = columnNames(names).list().ofMinSize(1).ofMaxSize(2).map(l -> " GROUP BY " + String.join(", ", l))
        .injectNull(0.6).map(g -> g == null ? "" : g);
    Arbitrary<String> having = expression(names, 1).map(e -> " HAVING " + e).injectNull(0.8).map(h -> h == null ? "" : h);
    Arbitrary<String> orderBy = Combinators.combine(columnNames(names), Arbitraries.of("", " ASC", " DESC", " DESC NULLS LAST"))
        .as((n, d) -> " ORDER BY " + n + d).injectNull(0.6).map(o -> o == null ? "" : o);
    Arbitrary<String> limit = Arbitraries.of("", " LIMIT 10", " LIMIT 5 OFFSET 2", " OFFSET 3", " OFFSET 3 LIMIT 1",
        " LIMIT ALL");
    Arbitrary<String> distinct = Arbitraries.of("", "DISTINCT ");
    return Combinators.combine(distinct, items, from.injectNull(0.1), where, groupBy, having, orderBy, limit)
        .as((d, i, f, w, g, h, o, l) -> "SELECT " + d + i + (f == null ? "" : f) + w + g + h + o + l);
  }

  /** WITH one or two CTEs (reading or writing) and a SELECT that reads them, other tables, or both. */
  private Arbitrary<String> with(Arbitrary<String> names, Arbitrary<String> cteNames) {
    Arbitrary<String> body = Arbitraries.oneOf(select(names), delete(names), update(names));
    Arbitrary<String> cte = Combinators.combine(cteNames, body).as((n, b) -> n + " AS (" + b + ")");
    Arbitrary<String> main = select(Arbitraries.oneOf(names, cteNames));
    return Combinators.combine(cte.list().ofMinSize(1).ofMaxSize(2), main)
        .as((c, m) -> "WITH " + String.join(", ", c) + " " + m);
  }

  private Arbitrary<String> joins(Arbitrary<String> names) {
    Arbitrary<String> join = Combinators.combine(Arbitraries.of("JOIN", "INNER JOIN", "LEFT JOIN", "LEFT OUTER JOIN",
            "RIGHT JOIN", "FULL OUTER JOIN", "CROSS JOIN", ","), names, columnNames(names), expression(names, 1))
        .as((kind, t, a, on) -> kind.equals(",") ? ", " + t
            : " " + kind + " " + t + " " + a + (kind.equals("CROSS JOIN") ? "" : " ON " + on));
    return join.list().ofMaxSize(2).map(l -> String.join("", l));
  }

  /** Names a column can have: those without a dot. */
  private static Arbitrary<String> columnNames(Arbitrary<String> names) {
    return names.filter(n -> !n.contains("."));
  }

  private Arbitrary<String> insert(Arbitrary<String> names) {
    // Every row as wide as the column list: JSqlParser and PostgreSQL reject the others.
    return Arbitraries.integers().between(1, 3).flatMap(width -> {
      Arbitrary<String> columns = columnNames(names).list().ofSize(width).map(l -> " (" + String.join(", ", l) + ")")
          .injectNull(0.2).map(c -> c == null ? "" : c);
      Arbitrary<String> row = expression(names, 0).list().ofSize(width).map(l -> "(" + String.join(", ", l) + ")");
      Arbitrary<String> literals = Arbitraries.of("1", "-1", "2.5", "'x'", "NULL", "TRUE").list().ofSize(width)
          .map(l -> "(" + String.join(", ", l) + ")");
      // Rows after the first hold literals, as agents' multi-row inserts do.
      Arbitrary<String> rows = Combinators.combine(row, literals.list().ofMaxSize(2))
          .as((r, more) -> more.isEmpty() ? r : r + ", " + String.join(", ", more));
      return Combinators.combine(names, columns, rows, returning(names))
          .as((t, c, r, ret) -> "INSERT INTO " + t + c + " VALUES " + r + ret);
    });
  }

  private Arbitrary<String> update(Arbitrary<String> names) {
    Arbitrary<String> sets = Combinators.combine(columnNames(names), expression(names, 1)).as((c, e) -> c + " = " + e)
        .list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
    return Combinators.combine(names, sets, writeWhere(names), returning(names))
        .as((t, s, w, r) -> "UPDATE " + t + " SET " + s + w + r);
  }

  private Arbitrary<String> delete(Arbitrary<String> names) {
    return Combinators.combine(names, writeWhere(names), returning(names))
        .as((t, w, r) -> "DELETE FROM " + t + w + r);
  }

  private Arbitrary<String> writeWhere(Arbitrary<String> names) {
    return Arbitraries.oneOf(Arbitraries.of("", " WHERE true", " WHERE 1 = 1", " WHERE NOT false"),
        expression(names, 2).map(e -> " WHERE " + e));
  }

  private Arbitrary<String> returning(Arbitrary<String> names) {
    return Arbitraries.oneOf(Arbitraries.of("", "", " RETURNING *"), columnNames(names).map(n -> " RETURNING " + n));
  }

  private Arbitrary<String> ddl(Arbitrary<String> names) {
    Arbitrary<String> type = Arbitraries.of("int", "integer", "bigint", "text", "varchar(20)", "numeric(10, 2)",
        "boolean", "date", "timestamp", "timestamptz", "jsonb", "uuid", "serial", "double precision", "real");
    Arbitrary<String> constraint = Arbitraries.of("", " NOT NULL", " PRIMARY KEY", " UNIQUE", " NULL");
    Arbitrary<String> column = Combinators.combine(columnNames(names), type, constraint).as((n, t, c) -> n + " " + t + c);
    return Arbitraries.oneOf(
        Combinators.combine(names, column.list().ofMinSize(1).ofMaxSize(3))
            .as((t, c) -> "CREATE TABLE " + t + " (" + String.join(", ", c) + ")"),
        Combinators.combine(names, Arbitraries.of("ADD ", "ADD COLUMN "), column)
            .as((t, a, c) -> "ALTER TABLE " + t + " " + a + c),
        Combinators.combine(names, Arbitraries.of("DROP ", "DROP COLUMN "), columnNames(names))
            .as((t, d, c) -> "ALTER TABLE " + t + " " + d + c),
        Combinators.combine(Arbitraries.of("", "IF EXISTS "), names).as((i, t) -> "DROP TABLE " + i + t),
        Combinators.combine(Arbitraries.of("", "TABLE "), names).as((k, t) -> "TRUNCATE " + k + t),
        Combinators.combine(columnNames(names), names, columnNames(names)).as((i, t, c) -> "CREATE INDEX " + i + " ON " + t + " (" + c + ")"));
  }

  private Arbitrary<String> expression(Arbitrary<String> names, int depth) {
    Arbitrary<String> literal = Arbitraries.of("1", "42", "2.5", "-1", "'x'", "'it''s'", "NULL", "TRUE", "FALSE",
        "interval '3 days'", "''");
    Arbitrary<String> column = Arbitraries.oneOf(columnNames(names),
        Combinators.combine(columnNames(names), columnNames(names)).as((t, c) -> t + "." + c));
    Arbitrary<String> function = Combinators.combine(Arbitraries.of("now", "lower", "upper", "coalesce", "count",
            "max", "min", "pg_sleep", "set_config", "dblink", "round"), column)
        .as((f, c) -> f.equals("now") ? "now()" : f.equals("count") ? "count(*)" : f + "(" + c + ")");
    Arbitrary<String> operand = Arbitraries.oneOf(literal, column, column, function);
    Arbitrary<String> comparison = Combinators.combine(operand, Arbitraries.of("=", "<>", "!=", "<", ">", "<=", ">=",
        "+", "-", "*", "/"), operand).as((l, op, r) -> l + " " + op + " " + r);
    Arbitrary<String> predicate = Arbitraries.oneOf(comparison,
        operand.map(o -> o + " IS NULL"), operand.map(o -> o + " IS NOT NULL"),
        Combinators.combine(operand, operand, operand).as((a, b, c) -> a + " BETWEEN " + b + " AND " + c),
        Combinators.combine(operand, Arbitraries.of("IN", "NOT IN"), literal.list().ofMinSize(1).ofMaxSize(3))
            .as((a, in, l) -> a + " " + in + " (" + String.join(", ", l) + ")"),
        Combinators.combine(operand, Arbitraries.of("LIKE", "NOT LIKE", "ILIKE"), literal)
            .as((a, like, l) -> a + " " + like + " " + l),
        Combinators.combine(column, names, column, names, comparison)
            .as((c, t, s, u, w) -> c + " IN (SELECT " + s + " FROM " + u + " WHERE " + w + ")"),
        Combinators.combine(names, comparison).as((t, w) -> "EXISTS (SELECT 1 FROM " + t + " WHERE " + w + ")"),
        Combinators.combine(column, names, column).as((c, t, s) -> c + " = (SELECT max(" + s + ") FROM " + t + ")"));
    if (depth == 0) {
      // Values: JSqlParser reads no conditions in an INSERT's VALUES.
      return Arbitraries.oneOf(Arbitraries.of("1", "-1", "2.5", "'x'", "'it''s'", "NULL", "TRUE", "''"), column,
          function);
    }
    if (depth == 1) {
      return Arbitraries.oneOf(operand, predicate);
    }
    return Arbitraries.oneOf(predicate,
        Combinators.combine(predicate, Arbitraries.of("AND", "OR"), predicate).as((a, op, b) -> a + " " + op + " " + b),
        Combinators.combine(predicate, predicate).as((a, b) -> "NOT (" + a + ") AND " + b),
        Combinators.combine(predicate, predicate, predicate).as((a, b, c) -> "(" + a + " OR " + b + ") AND " + c));
  }
}
