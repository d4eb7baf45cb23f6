package dev.witness.evidence.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TranscriptRendererTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

  private static String line(LedgerChain chain, SpecificRecord event) {
    return ReplayLines.event(DocumentJson.write(EventDocument.of(chain.append(event, T0))));
  }

  private static String session(String id, String agent, String resource, String protocol) {
    try {
      return ReplayLines.session(DocumentJson.mapper().readTree("""
          {"sessionId":"%s","agent":{"id":"%s","issuer":"witness","delegatingHuman":"alice@example.com"},
           "purpose":"TICKET-42","resource":"%s","protocol":"%s","startedAt":"2025-03-01T10:00:00.123456Z",
           "lastEventAt":"2025-03-01T10:00:01.000000Z","eventCount":4,"requestCount":1,"deniedCount":0,
           "authFailures":0,"risk":"medium"}
          """.formatted(id, agent, resource, protocol)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void rendersASqlSessionLikePsqlWithItsVerdictAndApproval() {
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s-sql", "agent-7", "postgres:demo", Protocol.SQL);
    byte[] rows = SqlRowsTest.concat(SqlRowsTest.dataRow(SqlRowsTest.text("1"), SqlRowsTest.text("j***@example.com")),
        SqlRowsTest.dataRow(SqlRowsTest.text("2"), null));
    MaskedChunk chunk = MaskedChunk.newBuilder(e.sqlChunk("q1", T0))
        .setHead(SqlResultHead.newBuilder().setColumns(List.of(
            SqlColumn.newBuilder().setName("id").setTypeOid(23).build(),
            SqlColumn.newBuilder().setName("email").setTypeOid(25).build())).setCommandTag("SELECT 2").build())
        .setContentType(SqlRows.CONTENT_TYPE)
        .setPayload(ByteBuffer.wrap(rows))
        .build();
    List<String> lines = new ArrayList<>();
    lines.add(session("s-sql", "agent-7", "postgres:demo", "SQL"));
    lines.add(line(chain, e.sqlRequest("q1", T0, "SELECT id, email FROM customers WHERE id = $1")));
    lines.add(line(chain, e.verdict("q1", T0, Decision.REQUIRE_APPROVAL)));
    lines.add(line(chain, e.approvalRequested("q1", "ap-1", T0)));
    lines.add(line(chain, e.approvalDecided("ap-1", T0)));
    lines.add(line(chain, chunk));
    lines.add(ReplayLines.end(5));

    String transcript = TranscriptRenderer.render(String.join("\n", lines));

    assertThat(transcript).contains("-- session s-sql")
        .contains("-- agent    agent-7 (issuer witness, on behalf of alice@example.com)")
        .contains("-- purpose  TICKET-42")
        .contains("-- target   postgres:demo (SQL)")
        .contains("demo=> SELECT id, email FROM customers WHERE id = $1")
        .contains("   parameters: $1 = '42', $2 = NULL")
        .contains("verdict REQUIRE_APPROVAL: rules deny-bulk-export, policy abc123")
        .contains("approval ap-1 requested: rules approve-deletes, quorum 2, approvers dba")
        .contains("approval ap-1 APPROVED")
        .contains("    approved by U123 via slack at 2025-03-01T10:00:00.123456Z")
        .contains(" id | email\n----+------------------\n 1  | j***@example.com\n 2  |\n(2 rows)\nSELECT 2\n")
        .contains("-- end of session: 5 events");
    // in order as it happened
    assertThat(transcript.indexOf("demo=>")).isLessThan(transcript.indexOf("verdict"));
    assertThat(transcript.indexOf("verdict")).isLessThan(transcript.indexOf("approval ap-1 APPROVED"));
    assertThat(transcript.indexOf("approval ap-1 APPROVED")).isLessThan(transcript.indexOf("(2 rows)"));
  }

  @Test
  void rendersAnHttpExchangeWithMaskedBodyAndDenial() {
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s-http", "agent-1", "http:demo", Protocol.HTTP);
    String transcript = TranscriptRenderer.render(String.join("\n",
        session("s-http", "agent-1", "http:demo", "HTTP"),
        line(chain, e.httpRequest("r1", T0, "{\"name\":\"smith\"}".getBytes(StandardCharsets.UTF_8), false)),
        line(chain, e.verdict("r1", T0, Decision.ALLOW)),
        line(chain, e.httpChunk("r1", T0, 0, true,
            "{\"email\":\"j***@example.com\"}".getBytes(StandardCharsets.UTF_8))),
        line(chain, e.httpRequest("r2", T0, null, true)),
        line(chain, e.verdict("r2", T0, Decision.DENY)),
        ReplayLines.end(5)));

    assertThat(transcript)
        .contains("request r1 (agent agent-1, bearer-token)")
        .contains("> POST /customers/search?q=smith HTTP/1.1\n> authorization: [REDACTED]\n"
            + "> content-type: application/json\n>\n> {\"name\":\"smith\"}")
        .contains("verdict ALLOW: rules deny-bulk-export, policy abc123, mask plan pii-default")
        .contains("< HTTP/1.1 200\n< content-type: application/json\n<\n< {\"email\":\"j***@example.com\"}")
        .contains("   masked $.email: email -> redact x2")
        .contains("request r2 (agent agent-1, bearer-token FAILED (unknown token))")
        .contains("verdict DENY").contains("    reason: bulk export of PII");
  }

  @Test
  void aCutReplayIsMarkedAndGarbageIsRefused() {
    assertThat(TranscriptRenderer.render(session("s", "a", "r", "HTTP"))).contains("replay incomplete");
    assertThatThrownBy(() -> TranscriptRenderer.render("{\"kind\":\"session\",\"session\":{}}\nnot json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
  }
}
