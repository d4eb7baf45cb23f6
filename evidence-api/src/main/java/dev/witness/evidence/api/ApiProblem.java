package dev.witness.evidence.api;

import java.util.Map;

/** Thrown by handlers to answer with a {@link Problem}; carries no stack trace as it is expected. */
public final class ApiProblem extends RuntimeException {

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  private ApiProblem(Problem problem, Map<String, String> headers) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = headers;
  }

  public Problem problem() {
    return problem;
  }

  /** Response headers the problem needs, e.g. {@code WWW-Authenticate}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** 400 for a query parameter that is malformed, out of range, or unknown. */
  public static ApiProblem badParameter(String parameter, String detail) {
    Problem p = Problem.of("invalid-parameter", "Invalid query parameter", 400, parameter + ": " + detail);
    return new ApiProblem(new Problem(p.type(), p.title(), p.status(), p.detail(), Map.of("parameter", parameter)),
        Map.of());
  }

  /** 401: no usable bearer token. */
  public static ApiProblem unauthorized(String detail, String bearerChallenge) {
    return new ApiProblem(Problem.of("unauthorized", "Unauthorized", 401, detail),
        Map.of("WWW-Authenticate", bearerChallenge));
  }

  /** 403: authenticated but lacking a role. */
  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(Problem.of("forbidden", "Forbidden", 403, detail), Map.of());
  }

  /**
   * Any other problem, e.g. 409 or 503 from handlers outside this package.
   *
   * @param kind the last part of the problem type URN, e.g. {@code approval-final}
   * @param extensions extra members of the problem document
   */
  public static ApiProblem of(String kind, String title, int status, String detail, Map<String, Object> extensions) {
    return new ApiProblem(new Problem(Problem.TYPE_BASE + kind, title, status, detail, extensions), Map.of());
  }

  /** 409: the request is sound but the evidence cannot answer it in its current state. */
  public static ApiProblem conflict(String kind, String title, String detail) {
    return new ApiProblem(Problem.of(kind, title, 409, detail), Map.of());
  }

  /** 404: a named resource does not exist. */
  public static ApiProblem notFound(String detail) {
    return new ApiProblem(Problem.of("not-found", "Not Found", 404, detail), Map.of());
  }
}
