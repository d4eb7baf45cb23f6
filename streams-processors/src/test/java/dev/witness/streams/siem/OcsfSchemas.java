package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OCSF JSON Schemas under src/test/resources/ocsf, one per class Witness emits. */
final class OcsfSchemas {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<OcsfClass, Schema> SCHEMAS = load();

  private OcsfSchemas() {}

  /** What is wrong with {@code json} as an OCSF event of its {@code class_uid}; empty when it is valid. */
  static List<String> problems(String json) {
    JsonNode event;
    try {
      event = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    OcsfClass ocsfClass;
    try {
      ocsfClass = OcsfClass.of(event.path("class_uid").asInt());
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    for (Error error : SCHEMAS.get(ocsfClass).validate(event)) {
      problems.add(error.toString());
    }
    // The uid arithmetic the schemas state per class, checked here for every event.
    int classUid = event.path("class_uid").asInt();
    int categoryUid = event.path("category_uid").asInt();
    long typeUid = event.path("type_uid").asLong();
    if (classUid / 1000 != categoryUid) {
      problems.add("category_uid " + categoryUid + " does not match class_uid " + classUid);
    }
    if (typeUid != classUid * 100L + event.path("activity_id").asInt()) {
      problems.add("type_uid " + typeUid + " is not class_uid * 100 + activity_id");
    }
    return problems;
  }

  private static Map<OcsfClass, Schema> load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Map<OcsfClass, Schema> schemas = new EnumMap<>(OcsfClass.class);
    for (OcsfClass c : OcsfClass.values()) {
      String file = "classpath:ocsf/" + c.name().toLowerCase(Locale.ROOT) + ".schema.json";
      Schema schema = registry.getSchema(SchemaLocation.of(file));
      schema.initializeValidators();
      schemas.put(c, schema);
    }
    return schemas;
  }
}
