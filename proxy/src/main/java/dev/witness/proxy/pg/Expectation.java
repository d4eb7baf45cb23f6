package dev.witness.proxy.pg;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;

/**
 * A response the backend owes for a message Witness forwarded, queued in forwarding order so
 * backend messages can be matched to the statement they answer.
 */
final class Expectation {

  enum Kind { PARSE, BIND, DESCRIBE, CLOSE, EXECUTE, SYNC, QUERY, REFUSAL }

  final Kind kind;
  /** Statement (PARSE), portal (BIND, EXECUTE) or target (DESCRIBE, CLOSE) name. */
  final String name;
  /** DESCRIBE/CLOSE: 'S' statement or 'P' portal. */
  final byte target;
  /** BIND: the statement bound; the result formats asked for. */
  final String statement;
  final short[] resultFormats;
  /** EXECUTE, QUERY: the gated statement the results belong to. */
  final ExchangeContext exchange;
  /** REFUSAL: the error the agent gets in place of the backend's error to the refusal probe. */
  final ErrorResponse refusal;
  /** EXECUTE, QUERY: the next chunk index; a Query's results share one request, so one sequence. */
  int nextChunk;
  /** EXECUTE, QUERY: when it was forwarded ({@link System#nanoTime()}), for {@link StageTimings}. */
  long forwardedNanos;
  /** EXECUTE, QUERY: run when the backend completes it without error (e.g. a PREPARE now exists). */
  Runnable onCompleted;
  /** EXECUTE, QUERY: the error the agent gets in place of the backend's (e.g. Witness aborted its COPY). */
  ErrorResponse replacedError;

  private Expectation(Kind kind, String name, byte target, String statement, short[] resultFormats,
      ExchangeContext exchange, ErrorResponse refusal) {
    this.kind = kind;
    this.name = name;
    this.target = target;
    this.statement = statement;
    this.resultFormats = resultFormats;
    this.exchange = exchange;
    this.refusal = refusal;
  }

  static Expectation parse(String statement) {
    return new Expectation(Kind.PARSE, statement, (byte) 0, null, null, null, null);
  }

  static Expectation bind(String portal, String statement, short[] resultFormats) {
    return new Expectation(Kind.BIND, portal, (byte) 0, statement, resultFormats, null, null);
  }

  static Expectation describe(byte target, String name) {
    return new Expectation(Kind.DESCRIBE, name, target, null, null, null, null);
  }

  static Expectation close(byte target, String name) {
    return new Expectation(Kind.CLOSE, name, target, null, null, null, null);
  }

  static Expectation execute(String portal, ExchangeContext exchange) {
    return new Expectation(Kind.EXECUTE, portal, (byte) 0, null, null, exchange, null);
  }

  static Expectation query(ExchangeContext exchange) {
    return new Expectation(Kind.QUERY, null, (byte) 0, null, null, exchange, null);
  }

  static Expectation sync() {
    return new Expectation(Kind.SYNC, null, (byte) 0, null, null, null, null);
  }

  /** The probe that makes the backend fail the sequence of a refused statement; see {@link RefusalProbe}. */
  static Expectation refusal(ErrorResponse refusal) {
    return new Expectation(Kind.REFUSAL, null, (byte) 0, null, null, null, refusal);
  }

  /** Whether rows and CommandComplete may answer this. */
  boolean producesResults() {
    return kind == Kind.EXECUTE || kind == Kind.QUERY;
  }

  /** Whether a ReadyForQuery answers this. */
  boolean endsWithReadyForQuery() {
    return kind == Kind.SYNC || kind == Kind.QUERY;
  }
}
