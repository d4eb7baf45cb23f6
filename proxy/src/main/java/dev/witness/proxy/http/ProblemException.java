package dev.witness.proxy.http;

/** A request the proxy refuses itself, carrying the problem the agent gets. */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.status() + " " + problem.title());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
  }

  static ProblemException unauthenticated(String reason) {
    String detail = "missing token".equals(reason)
        ? "Send 'Authorization: Bearer <token>' with a token Witness issued for this agent"
        : "The bearer token is not one Witness issued";
    return new ProblemException(Problem.of(401, "unauthenticated", "Authentication required", detail)
        .with("reason", reason));
  }

  static ProblemException noRoute(String path) {
    return new ProblemException(Problem.of(404, "no-route", "No route",
        "No Witness route matches " + path + "; check the path prefix against proxy.http.routes"));
  }

  static ProblemException tooLarge(long maxBytes) {
    return new ProblemException(Problem.of(413, "too-large", "Request body too large",
        "Request bodies are recorded whole before forwarding and may be at most " + maxBytes + " bytes")
        .with("maxBytes", maxBytes));
  }

  static ProblemException upstreamUnreachable(String resource) {
    return new ProblemException(Problem.of(502, "upstream-unreachable", "Target unreachable",
        "Witness recorded the request but could not reach the target " + resource)
        .with("resource", resource));
  }

  static ProblemException upstreamFailed(String resource) {
    return new ProblemException(Problem.of(502, "upstream-failed", "Target failed",
        "The target " + resource + " closed the connection or failed before a complete response")
        .with("resource", resource));
  }
}
