package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.classify.bench.SqlCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Parsing on the caller's thread gives what {@code CCJSqlParserUtil.parse} gives, failures included. */
class StatementParserTest {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    THREADS.shutdownNow();
  }

  @Test
  void sameTreesAndSameFailuresAsTheParserUtility() {
    List<String> statements = new ArrayList<>();
    for (String sql : SqlCorpus.statements(300, 7L)) {
      statements.addAll(SqlText.statements(sql));
    }
    statements.addAll(List.of(
        "SELECT FROM WHERE", "DELETE customers", "ALTER TABLE t ALTER COLUMN c TYPE int USING c::int",
        // Simple parsing fails on these; complex parsing (the retry) reads them.
        "SELECT ((((a + 1)))) FROM t WHERE (((b) = (c)))",
        "SELECT CASE WHEN a > 1 THEN (SELECT max(b) FROM u) ELSE 0 END FROM t",
        "SELECT (((((((((((((1)))))))))))))",
        "COPY t FROM PROGRAM 'x'", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
        "SELECT 'unterminated", "UPDATE t SET a = 1 WHERE"));
    for (String statement : statements) {
      String text = SqlText.withoutCommentsOnly(statement);
      assertThat(outcome(() -> StatementParser.parse(text))).as(text)
          .isEqualTo(outcome(() -> CCJSqlParserUtil.parse(text, THREADS, p -> p.withTimeOut(StatementParser.TIMEOUT_MS))));
    }
  }

  @Test
  void anEmptyStatementIsNoStatement() throws Exception {
    assertThat(StatementParser.parse("")).isNull();
  }

  private interface Parse {
    Statement run() throws JSQLParserException;
  }

  private static String outcome(Parse parse) {
    try {
      Statement s = parse.run();
      return s == null ? "null" : s.getClass().getSimpleName() + ": " + s;
    } catch (JSQLParserException e) {
      return "error: " + e.getMessage();
    }
  }
}
