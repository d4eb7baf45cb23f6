package dev.witness.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for {@code TopologyTestDriver} tests and tools that run without a
 * broker. Same semantics as the embedded registry: BACKWARD compatibility per subject.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Schema>> versions = new LinkedHashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> subjectVersions = versions.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!subjectVersions.contains(schema)) {
      if (!isCompatible(subject, schema)) {
        throw new SchemaRegistryException(409, "Schema being registered is incompatible with the latest version of " + subject);
      }
      subjectVersions.add(schema);
    }
    return idBySchema.computeIfAbsent(schema, s -> {
      int id = byId.size() + 1;
      byId.put(id, s);
      return id;
    });
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(40403, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Schema> subjectVersions = versions.get(subject);
    if (subjectVersions == null || subjectVersions.isEmpty()) {
      throw new SchemaRegistryException(40401, "Subject '" + subject + "' not found.");
    }
    Schema schema = subjectVersions.get(subjectVersions.size() - 1);
    return new RegisteredSchema(subject, subjectVersions.size(), idBySchema.get(schema), schema);
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versions.keySet());
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<Schema> subjectVersions = versions.get(subject);
    if (subjectVersions == null || subjectVersions.isEmpty()) {
      return true;
    }
    Schema previous = subjectVersions.get(subjectVersions.size() - 1);
    return SchemaCompatibility.checkReaderWriterCompatibility(schema, previous).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
