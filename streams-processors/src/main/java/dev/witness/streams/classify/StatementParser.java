package dev.witness.streams.classify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one statement with JSqlParser on the caller's thread, within a time bound. Does what
 * {@code CCJSqlParserUtil.parse} does (simple parsing first, complex parsing only when that fails
 * and the statement is not nested too deeply) without its hand-off to an executor thread per parse,
 * which cost more than the parse itself: one watchdog thread stops parses that overrun by setting
 * the parser's {@code interrupted} flag, which JSqlParser's lookaheads check.
 */
final class StatementParser {

  /** A statement that takes longer than this to parse counts as unparseable. */
  static final long TIMEOUT_MS = 2_000;

  /** How often the watchdog looks for overrunning parses. */
  private static final long WATCH_PERIOD_MS = 100;

  /** Parses under way and when each must stop (nanoTime). */
  private static final Map<CCJSqlParser, Long> RUNNING = new ConcurrentHashMap<>();

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "witness-sql-parse-watchdog");
    t.setDaemon(true);
    return t;
  });

  static {
    WATCHDOG.scheduleAtFixedRate(StatementParser::stopOverruns, WATCH_PERIOD_MS, WATCH_PERIOD_MS,
        TimeUnit.MILLISECONDS);
  }

  private StatementParser() {}

  /**
   * {@code sql} (one statement, comments removed) parsed, or null when it is empty. Failures carry
   * the messages {@code CCJSqlParserUtil.parse} gives them, so classifications do not change.
   */
  static Statement parse(String sql) throws JSQLParserException {
    if (sql == null || sql.isEmpty()) {
      return null;
    }
    try {
      return parse(sql, false);
    } catch (JSQLParserException simpleFailed) {
      if (CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
        throw simpleFailed;
      }
      // Complex parsing reads what the simple grammar cannot (deeply bracketed expressions), slowly.
      return parse(sql, true);
    }
  }

  private static Statement parse(String sql, boolean complex) throws JSQLParserException {
    CCJSqlParser parser = new CCJSqlParser(new StringProvider(sql)).withAllowComplexParsing(complex);
    RUNNING.put(parser, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS));
    try {
      return parser.Statement();
    } catch (Exception | StackOverflowError e) {
      if (parser.interrupted) {
        throw new JSQLParserException("Time out occurred.", e);
      }
      // The message CCJSqlParserUtil gives: the cause's toString, as its executor wraps it.
      throw new JSQLParserException(e.toString(), e);
    } finally {
      RUNNING.remove(parser);
    }
  }

  private static void stopOverruns() {
    long now = System.nanoTime();
    RUNNING.forEach((parser, deadline) -> {
      if (now - deadline > 0) {
        parser.interrupted = true;
      }
    });
  }
}
