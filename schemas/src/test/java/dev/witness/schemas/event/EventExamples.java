package dev.witness.schemas.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Hand-built events with every field and every union branch set at least once; for tests. */
public final class EventExamples {

  /** A fixed instant with microsecond precision, as timestamp-micros keeps it. */
  public static final Instant AT = Instant.parse("2026-03-01T09:15:30.123456Z");

  private EventExamples() {}

  public static EventHeader header(Protocol protocol, long sequence) {
    return EventHeader.newBuilder()
        .setEventId("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        .setSessionId("session-1")
        .setSequence(sequence)
        .setTimestamp(AT.plusNanos(sequence * 1000))
        .setAgent(AgentIdentity.newBuilder()
            .setId("support-bot")
            .setIssuer("https://idp.example.com")
            .setDelegatingHuman("alice@example.com")
            .build())
        .setPurpose("TICKET-42")
        .setResource(protocol == Protocol.SQL ? "postgres:demo" : "http:demo")
        .setProtocol(protocol)
        .setPolicyVersion("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .build();
  }

  /** A header with every optional field left at its default. */
  public static EventHeader minimalHeader() {
    return EventHeader.newBuilder()
        .setEventId("e-min")
        .setSessionId("s-min")
        .setSequence(0)
        .setTimestamp(Instant.EPOCH)
        .setAgent(AgentIdentity.newBuilder().setId("anonymous").build())
        .setResource("http:demo")
        .setProtocol(Protocol.HTTP)
        .build();
  }

  public static RequestIntercepted httpRequest() {
    return request(Protocol.HTTP, HttpRequest.newBuilder()
        .setMethod("POST")
        .setPath("/customers/7")
        .setQuery("fields=name,email")
        .setHeaders(Map.of("content-type", "application/json", "authorization", "[REDACTED]"))
        .setBody(bytes("{\"name\":\"Ada\"}"))
        .setBodySize(14)
        .build());
  }

  public static RequestIntercepted sqlRequest() {
    return request(Protocol.SQL, SqlRequest.newBuilder()
        .setStatement("SELECT * FROM customers WHERE id = $1 AND note = $2")
        .setParameters(new ArrayList<>(Arrays.asList("7", null)))
        .setDatabase("demo")
        .setPreparedStatementName("s1")
        .build());
  }

  public static RequestIntercepted mcpRequest() {
    return request(Protocol.MCP, McpRequest.newBuilder()
        .setMethod("tools/call")
        .setToolName("lookup_customer")
        .setArguments("{\"id\":7}")
        .setJsonRpcId("17")
        .build());
  }

  public static RequestIntercepted kubernetesRequest() {
    return request(Protocol.KUBERNETES, KubernetesRequest.newBuilder()
        .setVerb("get")
        .setResource("secrets")
        .setNamespace("prod")
        .setName("db-password")
        .setSubresource(null)
        .setPath("/api/v1/namespaces/prod/secrets/db-password")
        .build());
  }

  private static RequestIntercepted request(Protocol protocol, Object body) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(protocol, 1))
        .setRequestId("req-1")
        .setReplyPartition(3)
        .setAuthentication(Authentication.newBuilder()
            .setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("bearer-token")
            .build())
        .setBody(body)
        .build();
  }

  public static Verdict verdict() {
    return Verdict.newBuilder()
        .setHeader(header(Protocol.HTTP, 2))
        .setRequestId("req-1")
        .setReplyPartition(3)
        .setDecision(Decision.REQUIRE_APPROVAL)
        .setRules(List.of("approve-deletes"))
        .setReason("Deletions are reviewed")
        .setMaskPlan("pii-default")
        .setApprovalId("appr-1")
        .build();
  }

  public static ResponseChunk httpResponseChunk() {
    return ResponseChunk.newBuilder()
        .setHeader(header(Protocol.HTTP, 3))
        .setRequestId("req-1")
        .setReplyPartition(3)
        .setChunkIndex(0)
        .setLast(false)
        .setHead(HttpResponseHead.newBuilder().setStatus(200).setHeaders(Map.of("content-type", "application/json")).build())
        .setContentType("application/json")
        .setPayload(bytes("ciphertext"))
        .setEncryption(PayloadEncryption.newBuilder().setKeyId("dk-2026-03").setIv(bytes("123456789012")).build())
        .build();
  }

  public static ResponseChunk sqlResponseChunk() {
    return ResponseChunk.newBuilder()
        .setHeader(header(Protocol.SQL, 4))
        .setRequestId("req-2")
        .setReplyPartition(3)
        .setChunkIndex(2)
        .setLast(true)
        .setHead(SqlResultHead.newBuilder()
            .setColumns(List.of(
                SqlColumn.newBuilder().setName("id").setTypeOid(23).setTable("customers").build(),
                SqlColumn.newBuilder().setName("email").setTypeOid(25).build()))
            .setCommandTag("SELECT 2")
            .build())
        .setPayload(bytes("rows"))
        .setError("connection reset by target")
        .build();
  }

  public static MaskedChunk maskedChunk() {
    return MaskedChunk.newBuilder()
        .setHeader(header(Protocol.HTTP, 5))
        .setRequestId("req-1")
        .setReplyPartition(3)
        .setChunkIndex(0)
        .setLast(true)
        .setHead(HttpResponseHead.newBuilder().setStatus(200).build())
        .setContentType("application/json")
        .setPayload(bytes("{\"email\":\"a***@example.com\"}"))
        .setMaskings(List.of(MaskingApplied.newBuilder()
            .setField("$.email").setDetector("email").setOperator("partial").setCount(1).build()))
        .build();
  }

  public static ApprovalRequested approvalRequested() {
    return ApprovalRequested.newBuilder()
        .setHeader(header(Protocol.HTTP, 6))
        .setApprovalId("appr-1")
        .setRequestId("req-1")
        .setRequestHash("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
        .setRules(List.of("approve-deletes"))
        .setQuorum(2)
        .setApproverGroup("data-owners")
        .setExpiresAt(AT.plusSeconds(900))
        .build();
  }

  public static ApprovalDecision approvalDecision() {
    return ApprovalDecision.newBuilder()
        .setDecisionId("dec-1")
        .setApprovalId("appr-1")
        .setChannel("slack")
        .setApproverId("U123")
        .setApproverEmail("bob@example.com")
        .setApprove(true)
        .setReason("expected clean-up")
        .setDecidedAt(AT.plusSeconds(60))
        .build();
  }

  public static ApprovalDecided approvalDecided() {
    return ApprovalDecided.newBuilder()
        .setHeader(header(Protocol.HTTP, 7))
        .setApprovalId("appr-1")
        .setOutcome(ApprovalOutcome.APPROVED)
        .setDecisions(List.of(approvalDecision()))
        .build();
  }

  public static ApprovalExpired approvalExpired() {
    return ApprovalExpired.newBuilder().setHeader(minimalHeader()).setApprovalId("appr-2").build();
  }

  public static LedgerEntry ledgerEntry(long sequence, Object event) {
    return LedgerEntry.newBuilder()
        .setPartition(1)
        .setEntrySequence(sequence)
        .setPreviousHash(ByteBuffer.wrap(new byte[32]))
        .setHash(ByteBuffer.wrap(filled(32, (byte) sequence)))
        .setRecordedAt(AT.plusSeconds(sequence))
        .setEvent(event)
        .build();
  }

  public static Checkpoint checkpoint() {
    return Checkpoint.newBuilder()
        .setCheckpointId("cp-1")
        .setCreatedAt(AT)
        .setHeads(List.of(
            PartitionHead.newBuilder().setPartition(0).setEntrySequence(41).setHash(ByteBuffer.wrap(filled(32, (byte) 1))).build(),
            PartitionHead.newBuilder().setPartition(1).setEntrySequence(7).setHash(ByteBuffer.wrap(filled(32, (byte) 2))).build()))
        .setTreeSize(50)
        .setRootHash(ByteBuffer.wrap(filled(32, (byte) 3)))
        .setKeyId("ed25519-2026")
        .setSignature(ByteBuffer.wrap(filled(64, (byte) 4)))
        .build();
  }

  /** One example of every top-level event and union branch, ledger entries wrapping each evidence type. */
  public static List<SpecificRecord> all() {
    List<SpecificRecord> all = new ArrayList<>(List.of(
        httpRequest(), sqlRequest(), mcpRequest(), kubernetesRequest(), verdict(),
        httpResponseChunk(), sqlResponseChunk(), maskedChunk(), approvalRequested(), approvalDecision(),
        approvalDecided(), approvalExpired(), checkpoint()));
    List<SpecificRecord> evidence = List.of(httpRequest(), sqlRequest(), verdict(), maskedChunk(),
        approvalRequested(), approvalDecided(), approvalExpired());
    for (int i = 0; i < evidence.size(); i++) {
      all.add(ledgerEntry(i, evidence.get(i)));
    }
    return all;
  }

  /** A short name of an example for test reports, e.g. {@code LedgerEntry(Verdict)}. */
  public static String label(SpecificRecord event) {
    Object inner = switch (event) {
      case RequestIntercepted r -> r.getBody();
      case LedgerEntry l -> l.getEvent();
      case ResponseChunk r -> r.getHead();
      default -> null;
    };
    String name = event.getClass().getSimpleName();
    return inner == null ? name : name + "(" + inner.getClass().getSimpleName() + ")";
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
