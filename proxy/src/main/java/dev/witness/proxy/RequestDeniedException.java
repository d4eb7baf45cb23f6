package dev.witness.proxy;

import dev.witness.schemas.event.Verdict;

/** The policy said DENY or REQUIRE_APPROVAL: the request is refused and nothing is forwarded. */
public final class RequestDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Verdict verdict;

  public RequestDeniedException(Verdict verdict) {
    super("request " + verdict.getRequestId() + " " + verdict.getDecision() + " by " + verdict.getRules());
    this.verdict = verdict;
  }

  public Verdict verdict() {
    return verdict;
  }
}
