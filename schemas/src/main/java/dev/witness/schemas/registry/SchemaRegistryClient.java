package dev.witness.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that Witness needs. Implementations cache:
 * ids are immutable, so a schema fetched by id is never fetched again.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (or finds it there) and returns its id. */
  int register(String subject, Schema schema);

  /** Returns the schema with this global id. */
  Schema schemaById(int id);

  /** Returns the newest version registered under {@code subject}. */
  RegisteredSchema latest(String subject);

  /** Returns every subject with at least one version. */
  List<String> subjects();

  /** Whether {@code schema} may be registered as the next version of {@code subject}. */
  boolean isCompatible(String subject, Schema schema);
}
