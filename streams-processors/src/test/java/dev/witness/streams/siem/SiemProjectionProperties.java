package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every event the projection makes from any Witness event validates against its OCSF class schema. */
class SiemProjectionProperties {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void everyDecidedRequestValidates(@ForAll("requests") RequestIntercepted request, @ForAll Decision decision,
      @ForAll("texts") String reason) throws Exception {
    Verdict verdict = SiemEvents.verdict(request, decision, reason.isEmpty() ? null : reason, "rule-a");

    String json = SiemProjection.ofDecision(request, verdict, SiemEvents.NOW).orElseThrow().toJson();

    assertThat(OcsfSchemas.problems(json)).as(json).isEmpty();
    JsonNode event = JSON.readTree(json);
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(verdict.getHeader().getEventId());
    assertThat(event.get("time").asLong()).isEqualTo(request.getHeader().getTimestamp().toEpochMilli());
    if (request.getBody() instanceof SqlRequest sql) {
      // Parameters are bound values: the feed counts them, never shows them.
      assertThat(json).doesNotContain("bound-value-");
    }
  }

  @Property(tries = 200)
  void everyResponseValidates(@ForAll("requests") RequestIntercepted request,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 100, max = 599) int status, @ForAll boolean http,
      @ForAll boolean last, @ForAll("texts") String error) {
    Object head = http ? HttpResponseHead.newBuilder().setStatus(status).build()
        : SqlResultHead.newBuilder().setCommandTag(last ? "SELECT " + status : null).build();
    MaskedChunk chunk = ResponseOutcomeTest.chunk(request, 0, last, head, error.isEmpty() ? null : "target-said-" + error);

    String json = SiemProjection.ofResponse(request, chunk, SiemEvents.NOW).orElseThrow().toJson();

    assertThat(OcsfSchemas.problems(json)).as(json).isEmpty();
    // The target's error text may quote data: it never reaches the feed.
    assertThat(json).doesNotContain("target-said-");
  }

  @Property(tries = 200)
  void everyLogonValidates(@ForAll("requests") RequestIntercepted request, @ForAll AuthenticationOutcome outcome,
      @ForAll("texts") String reason) {
    request.getAuthentication().setOutcome(outcome);
    request.getAuthentication().setReason(reason.isEmpty() ? null : reason);

    SiemProjection.ofLogon(request, SiemEvents.NOW).ifPresent(e ->
        assertThat(OcsfSchemas.problems(e.toJson())).as(e.toJson()).isEmpty());
    assertThat(SiemProjection.ofLogon(request, SiemEvents.NOW).isPresent())
        .isEqualTo(outcome == AuthenticationOutcome.FAILED || request.getHeader().getSequence() == 0);
  }

  @Property(tries = 200)
  void everyApprovalEventValidates(@ForAll("requests") RequestIntercepted request, @ForAll ApprovalOutcome outcome,
      @ForAll("risks") String risk) {
    ApprovalRequested requested = SiemEvents.approvalRequested(request, "appr-" + request.getRequestId());
    requested.setRisk(risk);
    List<String> events = new ArrayList<>();
    SiemProjection.ofApproval(requested, SiemEvents.NOW).ifPresent(e -> events.add(e.toJson()));
    SiemProjection.ofApproval(SiemEvents.approvalDecided(requested, outcome), SiemEvents.NOW).ifPresent(e -> events.add(e.toJson()));
    SiemProjection.ofApproval(SiemEvents.approvalExpired(requested), SiemEvents.NOW).ifPresent(e -> events.add(e.toJson()));

    assertThat(events).hasSize(3);
    events.forEach(json -> assertThat(OcsfSchemas.problems(json)).as(json).isEmpty());
  }

  @Provide
  Arbitrary<RequestIntercepted> requests() {
    Arbitrary<Long> sequences = Arbitraries.longs().between(0, 3);
    Arbitrary<RequestIntercepted> sql = Combinators.combine(sequences, texts(),
            texts().map(t -> "bound-value-" + t).list().ofMaxSize(3))
        .as((seq, statement, params) -> {
          RequestIntercepted r = TestEvents.sql("s-" + seq, seq, statement, 0);
          ((SqlRequest) r.getBody()).setParameters(new ArrayList<>(params));
          return r;
        });
    Arbitrary<RequestIntercepted> http = Combinators.combine(sequences,
            Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND", "get"), texts())
        .as((seq, method, path) -> {
          RequestIntercepted r = TestEvents.http("s-" + seq, seq, method, "/" + path, 0);
          ((HttpRequest) r.getBody()).setBodySize(path.length());
          return r;
        });
    Arbitrary<RequestIntercepted> mcp = Combinators.combine(sequences,
            Arbitraries.of("tools/call", "tools/list", "initialize", "resources/read"), texts().injectNull(0.3), texts())
        .as((seq, method, tool, args) -> SiemEvents.mcp("s-" + seq, seq, method, tool, args));
    Arbitrary<RequestIntercepted> k8s = Combinators.combine(sequences,
            Arbitraries.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "escalate"),
            Arbitraries.of("pods", "secrets", "deployments"), texts().injectNull(0.3))
        .as((seq, verb, resource, name) -> SiemEvents.kubernetes("s-" + seq, seq, verb, resource, "ns", name));
    return Arbitraries.oneOf(sql, http, mcp, k8s);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars("é☃\n\t\"\\").ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> risks() {
    return Arbitraries.of("LOW", "MEDIUM", "HIGH").injectNull(0.2);
  }
}
