package dev.witness.schemas.registry.embedded;

import dev.witness.schemas.registry.CompatibilityLevel;
import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.SchemaRegistryException;
import dev.witness.schemas.registry.embedded.RegistryState.StoredVersion;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations: every change is written to the log first and applied to the state
 * only once durable, so what a client was told survives a restart. Changes are serialized by
 * one lock, which makes this instance the single writer of ids and version numbers.
 */
final class RegistryService {

  private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

  private final RegistryLog registryLog;
  private final RegistryState state = new RegistryState();
  // A ReentrantLock rather than synchronized: writes block on Kafka, which would pin virtual threads.
  private final ReentrantLock lock = new ReentrantLock();

  private RegistryService(RegistryLog registryLog) {
    this.registryLog = registryLog;
  }

  /** Rebuilds the state from everything {@code registryLog} holds. */
  static RegistryService replay(RegistryLog registryLog) {
    RegistryService service = new RegistryService(registryLog);
    int applied = 0;
    for (RegistryLogRecord record : registryLog.replay()) {
      try {
        service.state.apply(record);
        applied++;
      } catch (AvroRuntimeException e) {
        // Only a foreign or corrupted entry can fail here: everything this registry writes parsed.
        log.warn("registry log entry skipped reason=unparseable-schema record={}", describe(record));
      }
    }
    log.info("schema registry state rebuilt records={} subjects={} schemas={} compatibility={}",
        applied, service.state.subjects().size(), service.state.schemaCount(), service.state.level());
    return service;
  }

  /** Registers {@code schemaText} under {@code subject}, or returns its id if it is already there. */
  int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    lock.lock();
    try {
      List<StoredVersion> versions = state.versions(subject);
      for (StoredVersion v : versions) {
        if (v.canonical().equals(schema.toString())) {
          return v.id();
        }
      }
      List<String> problems = state.level().check(schema, versions.stream().map(StoredVersion::schema).toList());
      if (!problems.isEmpty()) {
        log.info("schema rejected subject={} reason=incompatible level={} problems={}",
            subject, state.level(), problems.size());
        throw new SchemaRegistryException(RegistryErrorCode.INCOMPATIBLE_SCHEMA,
            "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                + "\" (" + state.level() + "): " + String.join("; ", problems));
      }
      int id = state.idOf(schema).orElseGet(state::nextId);
      int version = state.nextVersion(subject);
      write(new RegistryLogRecord.SchemaVersion(subject, version, id, schema.toString(), false));
      log.info("schema registered subject={} version={} id={}", subject, version, id);
      return id;
    } finally {
      lock.unlock();
    }
  }

  /** The live version of {@code subject} holding {@code schemaText}. */
  StoredVersion lookup(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    return locked(() -> {
      for (StoredVersion v : existingVersions(subject)) {
        if (v.canonical().equals(schema.toString())) {
          return v;
        }
      }
      throw new SchemaRegistryException(RegistryErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
    });
  }

  Schema schemaById(int id) {
    return locked(() -> state.schemaById(id).orElseThrow(() ->
        new SchemaRegistryException(RegistryErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found")));
  }

  List<String> subjects() {
    return locked(state::subjects);
  }

  List<Integer> versions(String subject) {
    return locked(() -> existingVersions(subject).stream().map(StoredVersion::version).toList());
  }

  /** One version of {@code subject}: a number, {@code latest} or {@code -1}. */
  StoredVersion version(String subject, String versionText) {
    int wanted = parseVersion(versionText);
    return locked(() -> {
      List<StoredVersion> versions = existingVersions(subject);
      if (wanted == -1) {
        return versions.get(versions.size() - 1);
      }
      return versions.stream().filter(v -> v.version() == wanted).findFirst().orElseThrow(() ->
          new SchemaRegistryException(RegistryErrorCode.VERSION_NOT_FOUND, "Version " + wanted + " not found."));
    });
  }

  /**
   * Checks {@code schemaText} against {@code versionText} of {@code subject} (all versions up to
   * it for transitive levels); returns the incompatibilities, none when compatible. A subject
   * without versions accepts anything as its first version.
   */
  List<String> checkCompatibility(String subject, String versionText, String schemaText) {
    Schema schema = parse(schemaText);
    int wanted = parseVersion(versionText);
    return locked(() -> {
      List<StoredVersion> versions = state.versions(subject);
      if (versions.isEmpty() && wanted == -1) {
        return List.of();
      }
      StoredVersion upTo = version(subject, versionText);
      List<Schema> against = versions.stream()
          .filter(v -> v.version() <= upTo.version()).map(StoredVersion::schema).toList();
      return state.level().check(schema, against);
    });
  }

  CompatibilityLevel level() {
    return locked(state::level);
  }

  void setLevel(CompatibilityLevel level) {
    lock.lock();
    try {
      write(new RegistryLogRecord.GlobalConfig(level));
      log.info("schema registry compatibility set level={}", level);
    } finally {
      lock.unlock();
    }
  }

  private void write(RegistryLogRecord record) {
    registryLog.append(record);
    state.apply(record);
  }

  private List<StoredVersion> existingVersions(String subject) {
    List<StoredVersion> versions = state.versions(subject);
    if (versions.isEmpty()) {
      throw new SchemaRegistryException(RegistryErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  private static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw new SchemaRegistryException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: the request has no schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (AvroRuntimeException e) {
      throw new SchemaRegistryException(RegistryErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
    }
  }

  /** -1 stands for the latest version. */
  private static int parseVersion(String text) {
    if ("latest".equals(text)) {
      return -1;
    }
    try {
      int version = Integer.parseInt(text);
      if (version == -1 || version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // Reported below with the allowed values.
    }
    throw new SchemaRegistryException(RegistryErrorCode.INVALID_VERSION, "The specified version '" + text
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  private static String describe(RegistryLogRecord record) {
    return switch (record) {
      case RegistryLogRecord.SchemaVersion v -> "subject=" + v.subject() + " version=" + v.version() + " id=" + v.id();
      case RegistryLogRecord.GlobalConfig c -> "config=" + c.level();
    };
  }
}
