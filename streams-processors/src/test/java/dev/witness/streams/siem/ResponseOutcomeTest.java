package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseOutcomeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static MaskedChunk chunk(RequestIntercepted request, int index, boolean last, Object head, String error) {
    return MaskedChunk.newBuilder()
        .setHeader(TestEvents.header(request.getHeader().getSessionId(), 100 + index, "agent-1", request.getHeader().getProtocol()))
        .setRequestId(request.getRequestId())
        .setReplyPartition(0)
        .setChunkIndex(index)
        .setLast(last)
        .setHead(head)
        .setPayload(ByteBuffer.wrap("{\"email\":\"[email]\",\"ssn\":\"078-05-1120\"}".getBytes(StandardCharsets.UTF_8)))
        .setMaskings(List.of(MaskingApplied.newBuilder().setField("email").setDetector("email").setOperator("redact")
            .setCount(2).build()))
        .setError(error)
        .build();
  }

  @Test
  void anHttpStatusSettlesTheResponseAndFailsFrom400() throws Exception {
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers/1", 0);
    MaskedChunk notFound = chunk(request, 0, false, HttpResponseHead.newBuilder().setStatus(404).build(), null);

    assertThat(ResponseOutcome.settles(notFound)).isTrue();
    String json = SiemProjection.ofResponse(request, notFound, SiemEvents.NOW).orElseThrow().toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(4002);
    assertThat(event.at("/http_response/code").asInt()).isEqualTo(404);
    assertThat(event.get("status_id").asInt()).isEqualTo(2);
    assertThat(event.get("action_id").asInt()).isEqualTo(1);
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(notFound.getHeader().getEventId());
    assertThat(event.at("/unmapped/witness/response/maskings").asInt()).isEqualTo(2);
    assertThat(json).doesNotContain("078-05-1120");
  }

  @Test
  void aSqlResultSettlesOnItsLastChunkWithTheCommandTag() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-2", 1, "DELETE FROM customers WHERE id = 1", 0);
    MaskedChunk first = chunk(request, 0, false, SqlResultHead.newBuilder().build(), null);
    MaskedChunk last = chunk(request, 1, true, SqlResultHead.newBuilder().setCommandTag("DELETE 1").build(), null);

    assertThat(ResponseOutcome.settles(first)).isFalse();
    String json = SiemProjection.ofResponse(request, last, SiemEvents.NOW).orElseThrow().toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("status_code").asText()).isEqualTo("DELETE 1");
    assertThat(event.get("status_id").asInt()).isEqualTo(1);
  }

  @Test
  void aTargetErrorIsAFailureWithoutTheTargetsText() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-3", 1, "INSERT INTO t VALUES (1)", 0);
    MaskedChunk failed = chunk(request, 0, true, null, "duplicate key value (email)=(bob@example.com)");

    String json = SiemProjection.ofResponse(request, failed, SiemEvents.NOW).orElseThrow().toJson();

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("status_id").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(json).at("/unmapped/witness/response/target_error").asBoolean()).isTrue();
    assertThat(json).doesNotContain("bob@example.com");
  }
}
