package dev.witness.evidence.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON settings of every document the evidence store writes and the API serves. */
public final class DocumentJson {

  private static final ObjectMapper MAPPER = newMapper();

  private DocumentJson() {}

  /** A shared, thread-safe mapper: absent values omitted, map keys sorted, no U+0000 in strings. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The JSON text of a document. */
  public static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write " + document.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static ObjectMapper newMapper() {
    SimpleModule module = new SimpleModule("witness-documents");
    module.addSerializer(String.class, new JsonbSafeStringSerializer());
    return new ObjectMapper()
        .registerModule(module)
        .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  /**
   * PostgreSQL jsonb rejects U+0000; it is replaced by U+FFFD in document text. Bodies never hit
   * this (BodyText sends such bytes as base64) and the exact bytes stay in {@code event_avro}.
   */
  private static final class JsonbSafeStringSerializer extends StdSerializer<String> {

    JsonbSafeStringSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD'));
    }
  }
}
