package dev.witness.evidence.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EventDocumentTest {

  private static final Instant AT = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final Instant RECORDED = Instant.parse("2025-03-01T10:00:00.200Z");

  private final Events events = new Events("s-1", "agent-7", "http:demo", Protocol.HTTP);
  private final LedgerChain chain = new LedgerChain(3);

  private static JsonNode json(EventDocument doc) throws Exception {
    return DocumentJson.mapper().readTree(DocumentJson.write(doc));
  }

  @Test
  void requestCarriesHeaderLedgerPositionAndHttpDetails() throws Exception {
    chain.append(events.verdict("r0", AT, Decision.ALLOW), RECORDED);
    RequestIntercepted request = events.httpRequest("r1", AT, "{\"q\":\"smith\"}".getBytes(StandardCharsets.UTF_8), false);
    LedgerEntry entry = chain.append(request, RECORDED);

    JsonNode doc = json(EventDocument.of(entry));

    assertThat(doc.get("eventId").asText()).isEqualTo(request.getHeader().getEventId());
    assertThat(doc.get("sessionId").asText()).isEqualTo("s-1");
    assertThat(doc.get("type").asText()).isEqualTo("request");
    assertThat(doc.get("sequence").asLong()).isEqualTo(1);
    assertThat(doc.get("timestamp").asText()).isEqualTo("2025-03-01T10:00:00.123456Z");
    assertThat(doc.at("/agent/id").asText()).isEqualTo("agent-7");
    assertThat(doc.at("/agent/issuer").asText()).isEqualTo("witness");
    assertThat(doc.at("/agent/delegatingHuman").asText()).isEqualTo("alice@example.com");
    assertThat(doc.get("purpose").asText()).isEqualTo("TICKET-42");
    assertThat(doc.get("resource").asText()).isEqualTo("http:demo");
    assertThat(doc.get("protocol").asText()).isEqualTo("HTTP");
    assertThat(doc.get("policyVersion").asText()).isEqualTo("abc123");
    assertThat(doc.get("requestId").asText()).isEqualTo("r1");
    assertThat(doc.at("/ledger/partition").asInt()).isEqualTo(3);
    assertThat(doc.at("/ledger/sequence").asLong()).isEqualTo(1);
    assertThat(doc.at("/ledger/hash").asText()).isEqualTo(HexFormat.of().formatHex(Formats.bytes(entry.getHash())));
    assertThat(doc.at("/ledger/previousHash").asText())
        .isEqualTo(HexFormat.of().formatHex(Formats.bytes(entry.getPreviousHash())))
        .hasSize(64);
    assertThat(doc.at("/ledger/recordedAt").asText()).isEqualTo("2025-03-01T10:00:00.200000Z");
    assertThat(doc.at("/request/kind").asText()).isEqualTo("http");
    assertThat(doc.at("/request/method").asText()).isEqualTo("POST");
    assertThat(doc.at("/request/path").asText()).isEqualTo("/customers/search");
    assertThat(doc.at("/request/query").asText()).isEqualTo("q=smith");
    assertThat(doc.at("/request/headers/authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(doc.at("/request/body").asText()).isEqualTo("{\"q\":\"smith\"}");
    assertThat(doc.at("/request/bodyEncoding").asText()).isEqualTo("utf-8");
    assertThat(doc.at("/request/bodySize").asLong()).isEqualTo(13);
    assertThat(doc.at("/request/authentication/outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(doc.at("/request/authentication/method").asText()).isEqualTo("bearer-token");
    assertThat(doc.has("verdict")).isFalse();
    assertThat(doc.has("response")).isFalse();
    assertThat(doc.has("approval")).isFalse();
  }

  @Test
  void binaryBodyIsBase64AndSoIsTextWithNul() {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
    RequestIntercepted request = events.httpRequest("r1", AT, binary, true);
    EventDocument doc = EventDocument.of(chain.append(request, RECORDED));
    RequestDetails.Http http = (RequestDetails.Http) doc.request().details();
    assertThat(http.body()).isEqualTo(Base64.getEncoder().encodeToString(binary));
    assertThat(http.bodyEncoding()).isEqualTo("base64");
    assertThat(doc.request().authentication().outcome()).isEqualTo("FAILED");
    assertThat(doc.request().authentication().reason()).isEqualTo("unknown token");

    assertThat(BodyText.of(java.nio.ByteBuffer.wrap("a\u0000b".getBytes(StandardCharsets.UTF_8))).encoding())
        .isEqualTo("base64");
    assertThat(BodyText.of(java.nio.ByteBuffer.wrap(new byte[0]))).isEqualTo(new BodyText("", "utf-8"));
  }

  @Test
  void absentBodyIsOmitted() throws Exception {
    JsonNode doc = json(EventDocument.of(chain.append(events.httpRequest("r1", AT, null, false), RECORDED)));
    assertThat(doc.at("/request").has("body")).isFalse();
    assertThat(doc.at("/request").has("bodyEncoding")).isFalse();
  }

  @Test
  void sqlRequestKeepsStatementAndNullParameters() throws Exception {
    Events sql = new Events("s-2", "agent-7", "postgres:demo", Protocol.SQL);
    JsonNode doc = json(EventDocument.of(chain.append(sql.sqlRequest("r1", AT, "SELECT * FROM customers"), RECORDED)));
    assertThat(doc.at("/request/kind").asText()).isEqualTo("sql");
    assertThat(doc.at("/request/statement").asText()).isEqualTo("SELECT * FROM customers");
    assertThat(doc.at("/request/parameters/0").asText()).isEqualTo("42");
    assertThat(doc.at("/request/parameters/1").isNull()).isTrue();
    assertThat(doc.at("/request/database").asText()).isEqualTo("demo");
    assertThat(doc.get("protocol").asText()).isEqualTo("SQL");
  }

  @Test
  void verdictSection() throws Exception {
    JsonNode doc = json(EventDocument.of(chain.append(events.verdict("r1", AT, Decision.DENY), RECORDED)));
    assertThat(doc.get("type").asText()).isEqualTo("verdict");
    assertThat(doc.get("requestId").asText()).isEqualTo("r1");
    assertThat(doc.at("/verdict/decision").asText()).isEqualTo("DENY");
    assertThat(doc.at("/verdict/rules/0").asText()).isEqualTo("deny-bulk-export");
    assertThat(doc.at("/verdict/reason").asText()).isEqualTo("bulk export of PII");
    assertThat(doc.has("request")).isFalse();
  }

  @Test
  void httpResponseChunkSection() throws Exception {
    byte[] payload = "{\"email\":\"***\"}".getBytes(StandardCharsets.UTF_8);
    JsonNode doc = json(EventDocument.of(chain.append(events.httpChunk("r1", AT, 0, true, payload), RECORDED)));
    assertThat(doc.get("type").asText()).isEqualTo("response");
    assertThat(doc.at("/response/chunkIndex").asInt()).isZero();
    assertThat(doc.at("/response/last").asBoolean()).isTrue();
    assertThat(doc.at("/response/status").asInt()).isEqualTo(200);
    assertThat(doc.at("/response/headers/content-type").asText()).isEqualTo("application/json");
    assertThat(doc.at("/response/contentType").asText()).isEqualTo("application/json");
    assertThat(doc.at("/response/body").asText()).isEqualTo("{\"email\":\"***\"}");
    assertThat(doc.at("/response/bodyEncoding").asText()).isEqualTo("utf-8");
    assertThat(doc.at("/response/maskings/0/field").asText()).isEqualTo("$.email");
    assertThat(doc.at("/response/maskings/0/count").asInt()).isEqualTo(2);
    assertThat(doc.at("/response").has("columns")).isFalse();
  }

  @Test
  void laterChunkHasNoHead() {
    EventDocument doc = EventDocument.of(chain.append(events.httpChunk("r1", AT, 1, false, new byte[] {1}), RECORDED));
    assertThat(doc.response().status()).isNull();
    assertThat(doc.response().headers()).isNull();
  }

  @Test
  void sqlResponseChunkSection() throws Exception {
    JsonNode doc = json(EventDocument.of(chain.append(events.sqlChunk("r1", AT), RECORDED)));
    assertThat(doc.at("/response/columns/0/name").asText()).isEqualTo("email");
    assertThat(doc.at("/response/columns/0/typeOid").asInt()).isEqualTo(25);
    assertThat(doc.at("/response/commandTag").asText()).isEqualTo("SELECT 1");
    assertThat(doc.at("/response").has("status")).isFalse();
  }

  @Test
  void approvalSections() throws Exception {
    JsonNode requested = json(EventDocument.of(chain.append(events.approvalRequested("r1", "a1", AT), RECORDED)));
    assertThat(requested.get("type").asText()).isEqualTo("approval-requested");
    assertThat(requested.get("requestId").asText()).isEqualTo("r1");
    assertThat(requested.at("/approval/approvalId").asText()).isEqualTo("a1");
    assertThat(requested.at("/approval/quorum").asInt()).isEqualTo(2);
    assertThat(requested.at("/approval/expiresAt").asText()).isEqualTo("2025-03-01T10:05:00.123456Z");

    JsonNode decided = json(EventDocument.of(chain.append(events.approvalDecided("a1", AT), RECORDED)));
    assertThat(decided.get("type").asText()).isEqualTo("approval-decided");
    assertThat(decided.has("requestId")).isFalse();
    assertThat(decided.at("/approval/outcome").asText()).isEqualTo("APPROVED");
    assertThat(decided.at("/approval/decisions/0/approverId").asText()).isEqualTo("U123");
    assertThat(decided.at("/approval/decisions/0/approve").asBoolean()).isTrue();

    JsonNode expired = json(EventDocument.of(chain.append(events.approvalExpired("a1", AT), RECORDED)));
    assertThat(expired.get("type").asText()).isEqualTo("approval-expired");
    assertThat(expired.at("/approval/outcome").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void eachDecisionNamesItsKind() throws Exception {
    dev.witness.schemas.event.ApprovalDecision approve = events.approvalDecided("a1", AT).getDecisions().get(0);
    dev.witness.schemas.event.ApprovalDecision reject = dev.witness.schemas.event.ApprovalDecision.newBuilder(approve)
        .setDecisionId("d2").setApprove(false).setReason("no ticket").build();
    dev.witness.schemas.event.ApprovalDecision cancel = dev.witness.schemas.event.ApprovalDecision.newBuilder(approve)
        .setDecisionId("cancel-r1").setChannel("proxy").setApproverId("demo-agent").setApprove(false)
        .setReason("the agent cancelled the statement").setKind("cancel").build();
    dev.witness.schemas.event.ApprovalDecided decided = dev.witness.schemas.event.ApprovalDecided
        .newBuilder(events.approvalDecided("a1", AT))
        .setOutcome(dev.witness.schemas.event.ApprovalOutcome.CANCELLED)
        .setDecisions(java.util.List.of(approve, reject, cancel)).build();

    LedgerEntry entry = chain.append(decided, RECORDED);
    JsonNode doc = json(EventDocument.of(entry));

    assertThat(doc.at("/approval/decisions/0/kind").asText()).isEqualTo("approve");
    assertThat(doc.at("/approval/decisions/1/kind").asText()).isEqualTo("reject");
    assertThat(doc.at("/approval/decisions/2/kind").asText()).isEqualTo("cancel");
    assertThat(doc.at("/approval/decisions/2/approverId").asText()).isEqualTo("demo-agent");
    // Views are rebuilt from the ledger byte for byte.
    assertThat(DocumentJson.write(EventDocument.of(entry))).isEqualTo(DocumentJson.write(EventDocument.of(entry)));
  }

  @Test
  void mappingIsPure() {
    LedgerEntry entry = chain.append(events.httpRequest("r1", AT, new byte[] {1, 2}, false), RECORDED);
    assertThat(DocumentJson.write(EventDocument.of(entry))).isEqualTo(DocumentJson.write(EventDocument.of(entry)));
    assertThat(Formats.bytes(entry.getHash())).hasSize(32);
  }

  @Test
  void nulCharactersInTextBecomeReplacementCharacters() {
    assertThat(DocumentJson.write(new AgentDocument("a\u0000b", "witness", null))).contains("a\uFFFDb");
  }

  @Test
  void unknownEventIsRejected() {
    assertThatThrownBy(() -> EventType.of("not an event")).isInstanceOf(IllegalArgumentException.class);
  }
}
