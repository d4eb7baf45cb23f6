package dev.witness.evidence.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.evidence.ErrorText;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every error the API can answer with into {@code application/problem+json}. */
final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private final ObjectMapper mapper;

  private ProblemResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Registers the exception mappers on {@code app}. */
  static ProblemResponses register(Javalin app, ObjectMapper mapper) {
    ProblemResponses responses = new ProblemResponses(mapper);
    app.exception(ApiProblem.class, responses::apiProblem);
    // Javalin's own errors: unknown route (404), wrong method (405), bad content...
    app.exception(HttpResponseException.class, responses::javalinError);
    app.exception(Exception.class, responses::unexpected);
    return responses;
  }

  private void apiProblem(ApiProblem e, Context ctx) {
    e.headers().forEach(ctx::header);
    write(ctx, e.problem());
  }

  private void javalinError(HttpResponseException e, Context ctx) {
    String title = e.getStatus() == 404 ? "Not Found" : e.getMessage();
    String detail = e.getStatus() == 404 ? "No such endpoint: " + ctx.method() + " " + ctx.path() : e.getMessage();
    write(ctx, Problem.of("http-" + e.getStatus(), title, e.getStatus(), detail));
  }

  private void unexpected(Exception e, Context ctx) {
    // The message may quote stored evidence (SQL error detail), so the client gets none of it.
    LOG.error("api request failed method={} path={} error={}", ctx.method(), ctx.path(), ErrorText.of(e));
    write(ctx, Problem.of("internal-error", "Internal Server Error", 500, "The request could not be completed"));
  }

  void write(Context ctx, Problem problem) {
    try {
      ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(mapper.writeValueAsString(problem));
    } catch (JsonProcessingException e) {
      ctx.status(500).contentType(Problem.CONTENT_TYPE).result("{\"status\":500}");
    }
  }
}
