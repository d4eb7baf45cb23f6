package dev.witness.schemas.registry.embedded;

import dev.witness.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * What the registry knows, rebuilt by applying log records in order. Not thread-safe: the
 * service guards it. Applying the same record twice changes nothing, so a log replayed with
 * duplicates (written before compaction) yields the same state.
 */
final class RegistryState {

  /** One live or soft-deleted version of a subject, with its parsed schema. */
  record StoredVersion(String subject, int version, int id, Schema schema, boolean deleted) {

    /** The canonical text the registry serves and compares. */
    String canonical() {
      return schema.toString();
    }
  }

  private final NavigableMap<String, NavigableMap<Integer, StoredVersion>> subjects = new TreeMap<>();
  private final Map<Integer, Schema> schemaById = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private CompatibilityLevel level = CompatibilityLevel.BACKWARD;
  private int maxId;

  void apply(RegistryLogRecord record) {
    switch (record) {
      case RegistryLogRecord.SchemaVersion v -> {
        Schema schema = new Schema.Parser().parse(v.schema());
        subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>())
            .put(v.version(), new StoredVersion(v.subject(), v.version(), v.id(), schema, v.deleted()));
        schemaById.putIfAbsent(v.id(), schema);
        idByCanonical.putIfAbsent(schema.toString(), v.id());
        maxId = Math.max(maxId, v.id());
      }
      case RegistryLogRecord.GlobalConfig c -> level = c.level();
    }
  }

  CompatibilityLevel level() {
    return level;
  }

  /** Subjects with at least one live version, sorted. */
  List<String> subjects() {
    List<String> live = new ArrayList<>();
    subjects.forEach((subject, versions) -> {
      if (versions.values().stream().anyMatch(v -> !v.deleted())) {
        live.add(subject);
      }
    });
    return live;
  }

  /** Live versions of {@code subject}, oldest first; empty when it has none. */
  List<StoredVersion> versions(String subject) {
    NavigableMap<Integer, StoredVersion> versions = subjects.get(subject);
    return versions == null ? List.of() : versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  Optional<Schema> schemaById(int id) {
    return Optional.ofNullable(schemaById.get(id));
  }

  /** The id a schema already has under any subject; ids are global, as in Confluent's registry. */
  Optional<Integer> idOf(Schema schema) {
    return Optional.ofNullable(idByCanonical.get(schema.toString()));
  }

  int nextId() {
    return maxId + 1;
  }

  /** The next version number of {@code subject}; numbers of deleted versions are not reused. */
  int nextVersion(String subject) {
    NavigableMap<Integer, StoredVersion> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
  }

  int schemaCount() {
    return schemaById.size();
  }
}
