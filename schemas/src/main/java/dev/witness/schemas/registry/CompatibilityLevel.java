package dev.witness.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** A Confluent compatibility level and the Avro reader/writer checks it stands for. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Parses a level name as Confluent spells it, e.g. {@code BACKWARD}; null when unknown. */
  public static CompatibilityLevel parse(String name) {
    for (CompatibilityLevel level : values()) {
      if (level.name().equalsIgnoreCase(name)) {
        return level;
      }
    }
    return null;
  }

  /**
   * Checks {@code candidate} against the existing versions of a subject, oldest first, and
   * returns one line per incompatibility; an empty list means it may be registered.
   */
  public List<String> check(Schema candidate, List<Schema> existing) {
    if (existing.isEmpty()) {
      return List.of();
    }
    // Non-transitive levels only compare with the newest version, as Confluent does.
    List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Schema previous : against) {
      if (newReadsOld) {
        describe(candidate, SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous), "new schema reading old data", problems);
      }
      if (oldReadsNew) {
        describe(previous, SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate), "old schema reading new data", problems);
      }
    }
    return problems;
  }

  private static void describe(
      Schema reader, SchemaCompatibility.SchemaPairCompatibility pair, String direction, List<String> problems) {
    if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility i : pair.getResult().getIncompatibilities()) {
      problems.add(direction + ": " + i.getType() + " at " + FieldPath.of(reader, i.getLocation())
          + " (" + i.getLocation() + "): " + i.getMessage());
    }
  }
}
