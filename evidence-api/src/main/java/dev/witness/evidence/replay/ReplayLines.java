package dev.witness.evidence.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.evidence.document.BodyText;
import dev.witness.evidence.document.DocumentJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON lines of a session replay ({@code application/x-ndjson}): one {@code session} line, one
 * {@code event} line per event in causal order, and an {@code end} line with the count, so a
 * reader can tell a complete replay from a cut one. SQL response chunks get their rows decoded
 * beside the stored document.
 */
public final class ReplayLines {

  /** The media type of a replay. */
  public static final String CONTENT_TYPE = "application/x-ndjson";

  private static final ObjectMapper MAPPER = DocumentJson.mapper();

  private ReplayLines() {}

  /** The first line: the session document. */
  public static String session(Object sessionDocument) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("kind", "session");
    line.set("session", MAPPER.valueToTree(sessionDocument));
    return line.toString();
  }

  /** The line of one event, from its stored document text. */
  public static String event(String eventJson) {
    JsonNode event = read(eventJson);
    ObjectNode line = MAPPER.createObjectNode();
    line.put("kind", "event");
    line.set("event", event);
    JsonNode response = event.path("response");
    if (SqlRows.CONTENT_TYPE.equals(response.path("contentType").asText(null)) && response.hasNonNull("body")) {
      line.set("rows", rows(response));
    }
    return line.toString();
  }

  /** The last line. */
  public static String end(long events) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("kind", "end");
    line.put("events", events);
    return line.toString();
  }

  private static JsonNode rows(JsonNode response) {
    String body = response.get("body").asText();
    byte[] payload = BodyText.BASE64.equals(response.path("bodyEncoding").asText(null))
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
    ArrayNode rows = MAPPER.createArrayNode();
    List<List<String>> decoded;
    try {
      decoded = SqlRows.decode(payload);
    } catch (IllegalArgumentException e) {
      // the stored body stays in the event; the reader is told why no rows are shown
      return MAPPER.getNodeFactory().textNode("undecodable: " + e.getMessage());
    }
    for (List<String> row : decoded) {
      ArrayNode cells = rows.addArray();
      row.forEach(cells::add);
    }
    return rows;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Stored event document is not JSON", e);
    }
  }
}
