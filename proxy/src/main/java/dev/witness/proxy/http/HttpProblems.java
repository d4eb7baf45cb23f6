package dev.witness.proxy.http;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The one place where any failure becomes the HTTP answer the agent gets (problem+json). */
public final class HttpProblems {

  public static final String PROBLEM_JSON = "application/problem+json";

  private HttpProblems() {}

  /** The response for {@code error}, naming {@code requestId} when there is one. */
  public static FullHttpResponse toErrorResponse(Throwable error, String requestId) {
    Problem problem = toProblem(error).with("requestId", requestId);
    FullHttpResponse response = render(problem);
    if (problem.status() == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"witness\"");
    }
    if (problem.status() == 413 || problem.status() == 400) {
      // The rest of the request may still be on the wire: it cannot be framed, so close.
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }

  public static FullHttpResponse toErrorResponse(Throwable error) {
    return toErrorResponse(error, null);
  }

  /** Maps failures to problems; anything unexpected is a 500 that reveals nothing internal. */
  public static Problem toProblem(Throwable error) {
    Throwable t = WitnessGate.unwrap(error);
    if (t instanceof ProblemException p) {
      return p.problem();
    }
    if (t instanceof RequestDeniedException d) {
      return denied(d.verdict());
    }
    if (t instanceof WitnessUnavailableException u) {
      String detail = u.stage() == WitnessUnavailableException.Stage.REQUEST
          ? "Witness cannot record this request; nothing was forwarded"
          : "Witness cannot record the response; the target's answer was withheld";
      return Problem.of(503, "unavailable", "Witness unavailable", detail).with("reason", u.reason());
    }
    return Problem.of(500, "internal", "Internal error", "Witness failed while handling this request");
  }

  private static Problem denied(Verdict v) {
    boolean approval = v.getDecision() == Decision.REQUIRE_APPROVAL;
    List<String> rules = List.copyOf(v.getRules());
    String because = v.getReason() == null ? "" : ": " + v.getReason();
    String detail = (approval ? "Approval required by rule(s) " : "Denied by rule(s) ")
        + (rules.isEmpty() ? "(default policy)" : String.join(", ", rules)) + because
        + (approval && v.getApprovalId() != null
            ? "; approval " + v.getApprovalId() + " is pending: send the same request again once it is approved" : "");
    return Problem.of(403, approval ? "approval-required" : "denied",
            approval ? "Approval required" : "Denied by policy", detail)
        .with("decision", v.getDecision().name())
        .with("rules", rules)
        .with("reason", v.getReason())
        .with("approvalId", v.getApprovalId());
  }

  /** Renders a problem as a complete response with Content-Length. */
  public static FullHttpResponse render(Problem problem) {
    ByteBuf body = Unpooled.copiedBuffer(problem.toJson(), StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()), body);
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }
}
