package dev.witness.evidence.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.document.RequestDetails;
import dev.witness.evidence.document.RequestDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON text of an event document as a bundle line carries it (what
 * {@link CanonicalJson#write} gives for the document's tree), written straight from the document
 * without building and sorting a tree.
 */
public final class CanonicalDocument {

  private static final ObjectWriter SORTED = sorted();

  private CanonicalDocument() {}

  /** The canonical text of {@code document}. */
  public static String write(EventDocument document) {
    try {
      return SORTED.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write the event document", e);
    }
  }

  private static ObjectWriter sorted() {
    // same modules, inclusion and map ordering as the documents, plus bean members sorted by name;
    // Jackson places an unwrapped member's fields as a block, so the request section is merged here
    ObjectMapper copy = DocumentJson.mapper().copy()
        .registerModule(new SimpleModule("witness-sorted-request").addSerializer(new SortedRequest()));
    copy.setConfig(copy.getSerializationConfig().with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .without(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST));
    return copy.writer();
  }

  /** The request section with its unwrapped details' members sorted in among its own. */
  private static final class SortedRequest extends StdSerializer<RequestDocument> {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
      @Override
      protected RecordComponent[] computeValue(Class<?> type) {
        return type.getRecordComponents();
      }
    };

    SortedRequest() {
      super(RequestDocument.class);
    }

    @Override
    public void serialize(RequestDocument value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      TreeMap<String, Object> members = new TreeMap<>();
      members.put("kind", value.kind());
      members.put("authentication", value.authentication());
      RequestDetails details = value.details();
      if (details != null) {
        for (RecordComponent c : COMPONENTS.get(details.getClass())) {
          try {
            members.put(c.getName(), c.getAccessor().invoke(details));
          } catch (ReflectiveOperationException e) {
            throw new IOException("cannot read " + c.getName(), e);
          }
        }
      }
      gen.writeStartObject(value);
      for (Map.Entry<String, Object> m : members.entrySet()) {
        if (m.getValue() != null) {
          provider.defaultSerializeField(m.getKey(), m.getValue(), gen);
        }
      }
      gen.writeEndObject();
    }
  }
}
