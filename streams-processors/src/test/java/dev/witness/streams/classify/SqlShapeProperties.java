package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.classify.bench.SqlCorpus;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A statement classified through the shape of an earlier one (same text but for its literals) gets
 * exactly what parsing it would give: the shape cache never changes a classification.
 */
class SqlShapeProperties {

  /** Statements with literal holes: {@code {s}} a string literal, {@code {n}} a number. */
  private static final List<String> TEMPLATES = List.of(
      "SELECT id, email FROM customers WHERE id = {n} LIMIT {n}",
      "SELECT * FROM orders WHERE status = {s} AND total > {n}",
      "select a.id, b.total from customers a join orders b on b.customer_id = a.id where a.created_at > now() - interval {s}",
      "SELECT {s}::regclass, {n}::text, CAST({s} AS int) FROM t",
      "INSERT INTO customers (id, email, note) VALUES ({n}, {s}, {s}), ({n}, {s}, NULL)",
      "UPDATE customers SET email = {s}, age = {n} WHERE id = {n}",
      "UPDATE customers SET email = {s}",
      "DELETE FROM orders WHERE {n} = {n}",
      "DELETE FROM orders WHERE {s} = {s}",
      "DELETE FROM orders WHERE id IN ({n}, {n}, {n})",
      "DELETE FROM orders WHERE id = {n} -- {s}\n",
      "/* {s} */ SELECT id FROM t WHERE x = {s} /* nested /* {n} */ */",
      "WITH gone AS (DELETE FROM t WHERE id = {n} RETURNING *) SELECT count(*) FROM gone LIMIT {n}",
      "WITH w AS (UPDATE t SET a = {n} RETURNING id) SELECT * FROM w",
      "BEGIN; UPDATE accounts SET total = total - {n} WHERE id = {n}; COMMIT",
      "SELECT 1; DROP TABLE customers; SELECT {s}",
      "SELECT pg_read_file({s}), {n}",
      "SELECT set_config({s}, {s}, false)",
      "SELECT * FROM t WHERE a = E{s} AND b = {s}",
      "SELECT * FROM t WHERE a = U&{s} AND b = {n}",
      "SELECT $${s}$$, {n}",
      "DO $$BEGIN EXECUTE {s}; END$$",
      "DO $body$ BEGIN DROP TABLE customers; END $body$; SELECT {n}",
      "CREATE FUNCTION f() RETURNS int AS {s} LANGUAGE sql",
      "CREATE TABLE t{n} (id bigint DEFAULT {n}, note text DEFAULT {s})",
      "ALTER TABLE customers ALTER COLUMN note SET DEFAULT {s}",
      "COPY customers FROM {s}",
      "COPY customers TO PROGRAM {s}",
      "COPY (SELECT * FROM customers WHERE id > {n}) TO STDOUT",
      "EXPLAIN ANALYZE DELETE FROM t WHERE id = {n}",
      "SET statement_timeout = {n}",
      "SET ROLE {s}",
      "SET search_path = {s}",
      "PREPARE p AS DELETE FROM t WHERE id = {n}",
      "SELECT \"col{n}\" FROM \"Tab\" WHERE \"x\" = {s} OFFSET {n}",
      "SELECT * FROM t WHERE id = $1 AND n > {n}",
      "SELEC {n} FROM t",
      "SELECT * FROM t WHERE a = {s",
      "INSERT INTO t VALUES ({n}) ON CONFLICT (id) DO UPDATE SET n = {n}",
      "GRANT SELECT ON customers TO {s}",
      "SELECT * FROM t LIMIT {n}; DELETE FROM t WHERE id = {n}",
      "SELECT dblink_exec({s}, {s})",
      "SELECT * FROM t WHERE x BETWEEN {n} AND {n} ORDER BY {n}",
      "VALUES ({n}, {s})",
      "SELECT * FROM {s}",
      "DELETE FROM {s} WHERE id = {n}",
      "SELECT * FROM t1 JOIN {s} ON true LIMIT {n}",
      "SELECT {s} AS {s} FROM t GROUP BY {s} ORDER BY {n}",
      "INSERT INTO {s} VALUES ({n})");

  private static final Pattern HOLE = Pattern.compile("\\{([sn])\\}");

  @Property(tries = 1_000)
  void aStatementOfAKnownShapeClassifiesAsParsingItWould(
      @ForAll("templates") String template, @ForAll("seeds") long first, @ForAll("seeds") long second) {
    String earlier = fill(template, new Random(first));
    String later = fill(template, new Random(second));

    SqlClassifier.classifyFirstSeen(earlier);

    assertClassifiedAlike(later, SqlClassifier.classifyFirstSeen(later), SqlClassifier.classifyWithoutCache(later));
  }

  @Property(tries = 300)
  void theBenchmarkCorporaWithOtherLiteralsClassifyAsParsingWould(
      @ForAll("corpusStatements") String statement, @ForAll("seeds") long seed) {
    SqlClassifier.classifyFirstSeen(statement);
    String changed = withOtherLiterals(statement, new Random(seed));

    assertClassifiedAlike(changed, SqlClassifier.classifyFirstSeen(changed), SqlClassifier.classifyWithoutCache(changed));
  }

  @Property(tries = 500)
  void anyStringClassifiesAsParsingWould(@ForAll("sqlish") String sql) {
    assertClassifiedAlike(sql, SqlClassifier.classifyFirstSeen(sql), SqlClassifier.classifyWithoutCache(sql));
  }

  /**
   * {@code actual} is {@code expected}; except that when JSqlParser gives up on {@code sql} both times, one
   * run may have hit the parse time-out (the watchdog, on a loaded machine) where the other reports the
   * syntax error.
   */
  private static void assertClassifiedAlike(String sql, ClassifiedRequest actual, ClassifiedRequest expected) {
    if (actual.kind() == RequestKind.UNPARSEABLE && expected.kind() == RequestKind.UNPARSEABLE
        && ("Time out occurred.".equals(actual.sql().parseError())
            || "Time out occurred.".equals(expected.sql().parseError()))) {
      assertThat(actual.risk()).as(sql).isEqualTo(RiskLevel.HIGH);
      assertThat(expected.risk()).as(sql).isEqualTo(RiskLevel.HIGH);
      return;
    }
    assertThat(actual).as(sql).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> templates() {
    return Arbitraries.of(TEMPLATES);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<String> corpusStatements() {
    List<String> statements = new java.util.ArrayList<>(SqlCorpus.statements(200, 20_260_101L));
    statements.addAll(SqlCorpus.agentTraffic(200, 7L));
    return Arbitraries.of(statements);
  }

  @Provide
  Arbitrary<String> sqlish() {
    Arbitrary<String> token = Arbitraries.of("SELECT", "DELETE", "FROM", "t", "WHERE", "id", "=", "1", "2.5", "'a'",
        "'b''c'", "E'x\\'y'", "$$", "$1", "--", "\n", "/*", "*/", ";", "(", ")", ",", "\"q\"", "DO", "1e5", "0x1F",
        "99999999999999999999", "LIMIT", "AND", "OR", "::int", "interval", "'1 day'");
    return token.list().ofMinSize(1).ofMaxSize(14).map(tokens -> String.join(" ", tokens));
  }

  private static String fill(String template, Random random) {
    Matcher m = HOLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("s") ? stringLiteral(random) : number(random)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code statement} with each quoted string and each number outside identifiers replaced. */
  private static String withOtherLiterals(String statement, Random random) {
    Matcher m = Pattern.compile("'(?:[^']|'')*'|(?<![\\w$.])\\d+(?:\\.\\d+)?(?![\\w.])").matcher(statement);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group().startsWith("'") ? stringLiteral(random) : number(random);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String stringLiteral(Random random) {
    String alphabet = "abcxyz019 ;'-/*$\\\n\"%_DROP TABLE";
    int length = random.nextInt(12);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < length; i++) {
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      body.append(c == '\'' ? "''" : String.valueOf(c));
    }
    return "'" + body + "'";
  }

  private static String number(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> String.valueOf(random.nextInt(10));
      case 1 -> random.nextInt(1000) + "." + random.nextInt(100);
      case 2 -> "12345678901234567890123";
      case 3 -> random.nextInt(9) + 1 + "e" + random.nextInt(20);
      case 4 -> "0";
      case 5 -> String.valueOf(Long.MAX_VALUE);
      default -> String.valueOf(random.nextInt(1_000_000));
    };
  }

  @Property(tries = 50)
  void statementsThatDifferOnlyInPlainLiteralsShareAShape(
      @ForAll("smallNumbers") int a, @ForAll("smallNumbers") int b, @ForAll("words") String s, @ForAll("words") String t) {
    assertThat(SqlShape.of("SELECT * FROM t WHERE id = " + a + " AND e = '" + s + "'"))
        .isEqualTo(SqlShape.of("SELECT * FROM t WHERE id = " + b + " AND e = '" + t + "'"))
        .isNotNull();
  }

  @Provide
  Arbitrary<Integer> smallNumbers() {
    return Arbitraries.integers().between(0, 1_000_000);
  }

  @Provide
  Arbitrary<String> words() {
    return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.of("", " ", ";", "--", "$$"))
        .as((w, x) -> w + x);
  }
}
