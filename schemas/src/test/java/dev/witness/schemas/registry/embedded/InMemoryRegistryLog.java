package dev.witness.schemas.registry.embedded;

import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry log held in a list, for tests without a broker. It outlives the registries using
 * it (close does not clear it), so a second registry on the same log sees a restart.
 */
public final class InMemoryRegistryLog implements RegistryLog {

  private final List<RegistryLogRecord> records = new ArrayList<>();
  private boolean failWrites;

  @Override
  public synchronized List<RegistryLogRecord> replay() {
    return List.copyOf(records);
  }

  @Override
  public synchronized void append(RegistryLogRecord record) {
    if (failWrites) {
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Write to the test log failed");
    }
    records.add(record);
  }

  /** Makes every following write fail as an unreachable broker would. */
  public synchronized void failWrites() {
    failWrites = true;
  }

  public synchronized List<RegistryLogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {}
}
