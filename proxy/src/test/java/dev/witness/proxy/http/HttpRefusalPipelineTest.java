package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests the proxy refuses: each is answered with problem+json and nothing reaches the upstream. */
class HttpRefusalPipelineTest extends AgentPipelineFixture {

  @Test
  void denyIsA403NamingTheRulesAndNothingIsForwarded() throws Exception {
    send(get("/demo/secret", TOKEN));
    replies.dispatch(Replies.verdict(publisher.nextRequest(), Decision.DENY, List.of("no-secrets"), "secret data"));
    settle();

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
    assertThat(Wire.body(response)).contains("\"rules\":[\"no-secrets\"]", "secret data");
    response.release();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void requireApprovalWithoutADecisionInTheHoldIsA403NamingTheApprovalAndNothingIsForwarded() throws Exception {
    send(get("/demo/prod", TOKEN));
    replies.dispatch(Replies.verdict(publisher.nextRequest(), Decision.REQUIRE_APPROVAL, List.of("prod"), null));
    settle();
    assertThat(Wire.drain(agent)).as("held while an approver may still answer").isEmpty();

    Thread.sleep(APPROVAL_HOLD.toMillis() + 200);
    settle();
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(Wire.body(response)).contains("approval-required", "\"approvalId\":\"appr-1\"",
        "approval appr-1 is pending");
    response.release();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void anApprovalArrivingDuringTheHoldForwardsTheHeldRequest() throws Exception {
    send(get("/demo/prod", TOKEN));
    RequestIntercepted request = publisher.nextRequest();
    replies.dispatch(Replies.verdict(request, Decision.REQUIRE_APPROVAL, List.of("prod"), null));
    settle();
    assertThat(upstreams.opened).isEmpty();

    replies.dispatch(Replies.allow(request));
    settle();
    assertThat(upstreams.opened).hasSize(1);
    assertThat(Wire.drain(upstreams.last())).startsWith("GET /prod");
  }

  @Test
  void publishFailureIsA503AndNothingIsForwarded() throws Exception {
    publisher.failWith(new IllegalStateException("broker down"));
    send(get("/demo/items", TOKEN));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(503);
    assertThat(Wire.body(response)).contains("Witness cannot record this request; nothing was forwarded")
        .doesNotContain("broker down");
    response.release();
    assertThat(upstreams.opened).isEmpty();
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void missingTokenIsA401AndARecordedAuthenticationFailure() throws Exception {
    send("GET /demo/items HTTP/1.1\r\nHost: w\r\n\r\n");

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(response.headers().get("www-authenticate")).startsWith("Bearer");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    assertThat(event.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.FAILED);
    assertThat(event.getAuthentication().getMethod()).isEqualTo("bearer-token");
    assertThat(event.getAuthentication().getReason()).isEqualTo("missing token");
    assertThat(event.getHeader().getAgent().getId()).isEqualTo("anonymous");
    assertThat(event.getHeader().getResource()).isEqualTo("http:demo");
    assertThat(upstreams.opened).isEmpty();
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void unknownTokenIsA401AndTheTokenIsNeverRecorded() throws Exception {
    send(get("/demo/items", "stolen-token-123"));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(Wire.body(response)).doesNotContain("stolen-token-123");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    assertThat(event.getAuthentication().getReason()).isEqualTo("unknown token");
    assertThat(event.toString()).doesNotContain("stolen-token-123");
  }

  @Test
  void failedAuthenticationRecordsTheRouteCredentialHeaderRedacted() throws Exception {
    send("GET /demo/x HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer nope\r\nX-Api-Key: guessed-key\r\n\r\n");

    single(Wire.drain(agent)).release();
    HttpRequest http = (HttpRequest) publisher.nextRequest().getBody();
    assertThat(http.getHeaders()).containsEntry("x-api-key", "[REDACTED]").containsEntry("authorization", "[REDACTED]");
  }

  @Test
  void unroutedPathIsA404() throws Exception {
    send(get("/elsewhere", TOKEN));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(404);
    response.release();
    assertThat(publisher.isEmpty()).isTrue();
  }

  @Test
  void oversizedBodyIsRecordedAndRefusedWith413() throws Exception {
    send("POST /demo/upload HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(response.headers().get("connection")).isEqualTo("close");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    HttpRequest http = (HttpRequest) event.getBody();
    assertThat(http.getBody()).isNull();
    assertThat(http.getBodySize()).isEqualTo(100);
    assertThat(event.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.SUCCEEDED);
    assertThat(agent.isOpen()).isFalse();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void oversizedChunkedBodyIsRefusedToo() throws Exception {
    send("POST /demo/upload HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + "y".repeat(20) + "\r\n14\r\n" + "y".repeat(20) + "\r\n0\r\n\r\n");

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(413);
    response.release();
    assertThat(((HttpRequest) publisher.nextRequest().getBody()).getBodySize()).isEqualTo(-1);
  }

  @Test
  void agentNamedSessionIsUsed() throws Exception {
    send("GET /demo/x HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Witness-Session: run-42\r\n\r\n");
    assertThat(publisher.nextRequest().getHeader().getSessionId()).isEqualTo("run-42");
  }

  @Test
  void malformedSessionIsA400() throws Exception {
    send("GET /demo/x HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Witness-Session: a b/c\r\n\r\n");
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(400);
    response.release();
    assertThat(publisher.isEmpty()).isTrue();
  }

  @Test
  void malformedRequestIsA400AndClosed() throws Exception {
    send("GARBAGE\r\n\r\n");
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(400);
    response.release();
    assertThat(agent.isOpen()).isFalse();
  }
}
