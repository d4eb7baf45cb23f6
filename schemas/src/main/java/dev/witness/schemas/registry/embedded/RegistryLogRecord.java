package dev.witness.schemas.registry.embedded;

import dev.witness.schemas.registry.CompatibilityLevel;
import java.util.Objects;

/** One entry of the registry's log: the registry's state is the replay of all of them. */
public sealed interface RegistryLogRecord {

  /**
   * A schema registered as one version of a subject.
   *
   * @param schema the canonical schema text (Avro's compact JSON)
   * @param deleted soft-deleted versions keep their id but leave the subject's listing
   */
  record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
      implements RegistryLogRecord {

    public SchemaVersion {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** The global compatibility level was set. */
  record GlobalConfig(CompatibilityLevel level) implements RegistryLogRecord {

    public GlobalConfig {
      Objects.requireNonNull(level, "level");
    }
  }
}
