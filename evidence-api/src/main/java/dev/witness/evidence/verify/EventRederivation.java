package dev.witness.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Re-derives an event's readable document from its hashed bytes, so a bundle's readable JSON
 * cannot say something its bytes do not. Decodes with this build's event schemas.
 */
final class EventRederivation {

  private static final Map<String, Schema> SCHEMAS = Map.of(
      RequestIntercepted.getClassSchema().getFullName(), RequestIntercepted.getClassSchema(),
      Verdict.getClassSchema().getFullName(), Verdict.getClassSchema(),
      MaskedChunk.getClassSchema().getFullName(), MaskedChunk.getClassSchema(),
      ApprovalRequested.getClassSchema().getFullName(), ApprovalRequested.getClassSchema(),
      ApprovalDecided.getClassSchema().getFullName(), ApprovalDecided.getClassSchema(),
      ApprovalExpired.getClassSchema().getFullName(), ApprovalExpired.getClassSchema());

  private final Map<String, SpecificDatumReader<SpecificRecord>> readers = new java.util.HashMap<>();
  private BinaryDecoder decoder;

  /** The event the bytes encode with nothing after it, or null if they are not an evidence event. */
  SpecificRecord decode(String eventSchema, byte[] eventAvro) {
    Schema schema = SCHEMAS.get(eventSchema);
    if (schema == null) {
      return null;
    }
    try {
      decoder = DecoderFactory.get().binaryDecoder(eventAvro, decoder);
      SpecificRecord event = readers.computeIfAbsent(eventSchema, n -> new SpecificDatumReader<>(schema))
          .read(null, decoder);
      return decoder.isEnd() ? event : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Where the line's document differs from the one its bytes give, as a JSON pointer with both
   * values, or null when they agree.
   */
  String difference(EventLine line) {
    Schema schema = SCHEMAS.get(line.eventSchema());
    if (schema == null) {
      return "eventSchema " + line.eventSchema() + " is not an evidence event type";
    }
    SpecificRecord event;
    try {
      decoder = DecoderFactory.get().binaryDecoder(line.eventAvro(), decoder);
      event = readers.computeIfAbsent(line.eventSchema(), n -> new SpecificDatumReader<>(schema)).read(null, decoder);
      if (!decoder.isEnd()) {
        return "eventAvro has bytes after the event";
      }
    } catch (IOException | RuntimeException e) {
      return "eventAvro does not decode as " + line.eventSchema();
    }
    LedgerEntry entry = LedgerEntry.newBuilder()
        .setPartition(line.partition())
        .setEntrySequence(line.sequence())
        .setPreviousHash(ByteBuffer.wrap(line.previousHash()))
        .setHash(ByteBuffer.wrap(line.hash()))
        .setRecordedAt(line.recordedAt())
        .setEvent(event)
        .build();
    JsonNode expected = DocumentJson.mapper().valueToTree(EventDocument.of(entry));
    return diff("", expected, line.event());
  }

  /** The first place where {@code actual} differs from {@code expected}, numbers compared by value. */
  private static String diff(String path, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null : at(path, expected, actual);
    }
    if (expected.isObject() && actual.isObject()) {
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        JsonNode other = actual.get(name);
        if (other == null) {
          return path + "/" + name + " is missing";
        }
        String d = diff(path + "/" + name, expected.get(name), other);
        if (d != null) {
          return d;
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!expected.has(name)) {
          return path + "/" + name + " is not in the event";
        }
      }
      return null;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return at(path, expected, actual);
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = diff(path + "/" + i, expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(actual) ? null : at(path, expected, actual);
  }

  private static String at(String path, JsonNode expected, JsonNode actual) {
    return (path.isEmpty() ? "/" : path) + " reads " + abbreviate(actual) + " where the bytes say "
        + abbreviate(expected);
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
