package dev.witness.schemas.registry.embedded;

import java.util.List;

/** Durable storage of the embedded registry: an append-only log replayed on start. */
public interface RegistryLog extends AutoCloseable {

  /** Every record written so far, oldest first. */
  List<RegistryLogRecord> replay();

  /**
   * Writes {@code record} and returns only once it is durable.
   *
   * @throws dev.witness.schemas.registry.SchemaRegistryException with error code 50001 (store
   *     error) or 50002 (timeout) when the write failed
   */
  void append(RegistryLogRecord record);

  @Override
  void close();
}
