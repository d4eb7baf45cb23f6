package dev.witness.schemas.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Builds neighbouring versions of a record schema with the Avro Schema API; for evolution tests. */
public final class SchemaSurgery {

  private SchemaSurgery() {}

  /** {@code record} without the named top-level fields, as an older version would have been. */
  public static Schema withoutFields(Schema record, String... names) {
    List<String> removed = List.of(names);
    List<Schema.Field> kept = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      if (!removed.contains(field.name())) {
        kept.add(new Schema.Field(field, field.schema()));
      }
    }
    if (kept.size() != record.getFields().size() - removed.size()) {
      throw new IllegalArgumentException(record.getFullName() + " lacks one of " + removed);
    }
    return copy(record, kept);
  }

  /** {@code record} with {@code field} appended, as a newer version would have it. */
  public static Schema withField(Schema record, Schema.Field field) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field existing : record.getFields()) {
      fields.add(new Schema.Field(existing, existing.schema()));
    }
    fields.add(field);
    return copy(record, fields);
  }

  private static Schema copy(Schema record, List<Schema.Field> fields) {
    Schema copy = Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), record.isError(), fields);
    record.getObjectProps().forEach(copy::addProp);
    return copy;
  }
}
