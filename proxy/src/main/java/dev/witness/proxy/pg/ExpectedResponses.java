package dev.witness.proxy.pg;

import dev.witness.proxy.pg.Expectation.Kind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.schemas.event.SqlColumn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the backend still owes, in forwarding order, plus the result columns of statements and
 * portals: matches each backend message to the message it answers, as PostgreSQL answers in order.
 */
final class ExpectedResponses {

  private final Deque<Expectation> expected = new ArrayDeque<>();
  private final ResultColumns columns = new ResultColumns();

  void add(Expectation e) {
    expected.add(e);
  }

  /** The oldest unanswered message, or null. */
  Expectation head() {
    return expected.peek();
  }

  /** A RowDescription answers a Describe (remembered for later Executes); true if it did. */
  boolean described(RowDescription rd) {
    Expectation head = expected.peek();
    if (head == null || head.kind != Kind.DESCRIBE) {
      return false;
    }
    columns.described(head.target, head.name, ResultColumns.of(rd));
    expected.poll();
    return true;
  }

  /** ParseComplete, BindComplete, CloseComplete or NoData answers the oldest message of its kind. */
  void acknowledged(Acknowledgement a) {
    switch (a.kind()) {
      case PARSE_COMPLETE -> {
        if (pollIf(Kind.PARSE) instanceof Expectation e) {
          columns.parsed(e.name);
        }
      }
      case BIND_COMPLETE -> {
        if (pollIf(Kind.BIND) instanceof Expectation e) {
          columns.bound(e.name, e.statement, e.resultFormats);
        }
      }
      case CLOSE_COMPLETE -> {
        if (pollIf(Kind.CLOSE) instanceof Expectation e) {
          columns.closed(e.target, e.name);
        }
      }
      case NO_DATA -> {
        if (pollIf(Kind.DESCRIBE) instanceof Expectation e) {
          columns.described(e.target, e.name, List.of());
        }
      }
      default -> { }
    }
  }

  /** An Execute is answered by its CommandComplete, PortalSuspended, EmptyQueryResponse or error. */
  void executeFinished() {
    pollIf(Kind.EXECUTE);
  }

  /** An error answers the oldest message; the backend then skips the rest up to Sync. */
  void failed() {
    Expectation head = expected.peek();
    if (head != null && !head.endsWithReadyForQuery()) {
      expected.poll();
    }
    while (expected.peek() != null && !expected.peek().endsWithReadyForQuery()) {
      expected.poll();
    }
  }

  /** A ReadyForQuery answers the oldest Sync or Query (anything before it was skipped); null if none. */
  Expectation ready() {
    while (!expected.isEmpty()) {
      Expectation e = expected.poll();
      if (e.endsWithReadyForQuery()) {
        return e;
      }
    }
    return null;
  }

  /** The columns an Execute's rows have (from Describe or the statement's Bind); empty if unknown. */
  List<SqlColumn> columnsOf(Expectation e) {
    return e.kind == Kind.EXECUTE ? columns.ofPortal(e.name) : List.of();
  }

  /** Drops everything owed and returns the statements among it (the backend is gone). */
  List<Expectation> abandon() {
    List<Expectation> statements = new ArrayList<>();
    for (Expectation e : expected) {
      if (e.producesResults()) {
        statements.add(e);
      }
    }
    expected.clear();
    return statements;
  }

  private Expectation pollIf(Kind kind) {
    Expectation head = expected.peek();
    return head != null && head.kind == kind ? expected.poll() : null;
  }
}
