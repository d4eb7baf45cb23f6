package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.event.Decision;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpProblemsTest {

  @Test
  void unavailableRequestStageSaysNothingWasForwarded() {
    FullHttpResponse r = HttpProblems.toErrorResponse(
        new CompletionException(new WitnessUnavailableException(Stage.REQUEST, "no verdict within 5s")), "req-1");
    try {
      assertThat(r.status().code()).isEqualTo(503);
      assertThat(r.headers().get("content-type")).isEqualTo("application/problem+json");
      assertThat(body(r)).isEqualTo("{\"type\":\"https://witness.dev/problems/unavailable\",\"title\":\"Witness unavailable\","
          + "\"status\":503,\"detail\":\"Witness cannot record this request; nothing was forwarded\","
          + "\"reason\":\"no verdict within 5s\",\"requestId\":\"req-1\"}");
    } finally {
      r.release();
    }
  }

  @Test
  void denialNamesRulesAndReason() {
    var verdict = Replies.verdict(TestExchanges.request("req-1"), Decision.DENY, List.of("no-drop", "pii"), "drops a table");
    FullHttpResponse r = HttpProblems.toErrorResponse(new RequestDeniedException(verdict), "req-1");
    try {
      assertThat(r.status().code()).isEqualTo(403);
      assertThat(body(r)).contains("\"detail\":\"Denied by rule(s) no-drop, pii: drops a table\"")
          .contains("\"rules\":[\"no-drop\",\"pii\"]")
          .contains("\"decision\":\"DENY\"");
    } finally {
      r.release();
    }
  }

  @Test
  void approvalRequiredIsA403WithTheApprovalId() {
    var verdict = Replies.verdict(TestExchanges.request("req-1"), Decision.REQUIRE_APPROVAL, List.of("prod-write"), null);
    FullHttpResponse r = HttpProblems.toErrorResponse(new RequestDeniedException(verdict), null);
    try {
      assertThat(r.status().code()).isEqualTo(403);
      assertThat(body(r)).contains("approval-required").contains("\"approvalId\":\"appr-1\"").doesNotContain("requestId");
    } finally {
      r.release();
    }
  }

  @Test
  void unauthenticatedCarriesTheChallenge() {
    FullHttpResponse r = HttpProblems.toErrorResponse(ProblemException.unauthenticated("unknown token"), "req-1");
    try {
      assertThat(r.status().code()).isEqualTo(401);
      assertThat(r.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"witness\"");
      assertThat(body(r)).contains("\"reason\":\"unknown token\"");
    } finally {
      r.release();
    }
  }

  @Test
  void unexpectedErrorsRevealNothing() {
    FullHttpResponse r = HttpProblems.toErrorResponse(new IllegalStateException("secret internals"));
    try {
      assertThat(r.status().code()).isEqualTo(500);
      assertThat(body(r)).doesNotContain("secret internals");
    } finally {
      r.release();
    }
  }

  @Test
  void jsonStringsAreEscaped() {
    Problem p = Problem.of(400, "bad-request", "Bad \"request\"", "line\nbreak \\ \u0001");
    assertThat(p.toJson()).contains("\"title\":\"Bad \\\"request\\\"\"").contains("\"detail\":\"line\\nbreak \\\\ \\u0001\"");
  }

  @Test
  void rendersAsAWellFramedHttpResponse() {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec());
    ch.writeOutbound(HttpProblems.toErrorResponse(ProblemException.noRoute("/nope")));
    StringBuilder wire = new StringBuilder();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      wire.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    String text = wire.toString();
    String json = text.substring(text.indexOf("\r\n\r\n") + 4);

    assertThat(text).startsWith("HTTP/1.1 404 Not Found\r\n")
        .contains("content-length: " + json.getBytes(StandardCharsets.UTF_8).length)
        .contains("cache-control: no-store");
    assertThat(json).startsWith("{\"type\":\"https://witness.dev/problems/no-route\"");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  private static String body(FullHttpResponse r) {
    return r.content().toString(StandardCharsets.UTF_8);
  }
}
