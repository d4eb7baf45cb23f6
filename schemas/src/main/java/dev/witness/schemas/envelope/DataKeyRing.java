package dev.witness.schemas.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data keys of raw chunk encryption: the active one encrypts, every one still in the ring
 * decrypts. Rotation adds a key and makes it active; a key is retired (removed) only once no chunk
 * encrypted with it can still be read from {@code witness.responses.raw} (its retention).
 */
public final class DataKeyRing {

  private final Map<String, DataKey> keys;
  private final String activeId;

  private DataKeyRing(Map<String, DataKey> keys, String activeId) {
    this.keys = keys;
    this.activeId = activeId;
  }

  /** A ring of {@code keys} (ids unique) whose active key is {@code activeId}. */
  public static DataKeyRing of(List<DataKey> keys, String activeId) {
    Map<String, DataKey> byId = new LinkedHashMap<>();
    for (DataKey key : keys) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("data key id " + key.id() + " appears twice in the key ring");
      }
    }
    if (!byId.containsKey(activeId)) {
      throw new IllegalArgumentException("active data key " + activeId + " is not in the key ring " + byId.keySet());
    }
    return new DataKeyRing(byId, activeId);
  }

  /** The key new chunks are encrypted with. */
  public DataKey active() {
    return keys.get(activeId);
  }

  /** The key of {@code id}, if the ring still holds it. */
  public Optional<DataKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** Every key, oldest first. */
  public List<DataKey> keys() {
    return List.copyOf(keys.values());
  }

  /**
   * This ring plus {@code key}, made active when {@code activate} (rotation: the key it replaces is
   * marked deactivated at the new key's creation), else only readable.
   */
  public DataKeyRing with(DataKey key, boolean activate) {
    List<DataKey> all = new ArrayList<>(activate ? deactivating(key.createdAt()) : keys.values());
    all.add(key);
    return of(all, activate ? key.id() : activeId);
  }

  /** This ring with {@code id} active from {@code at}; the key must be in the ring already. */
  public DataKeyRing activate(String id, Instant at) {
    if (id.equals(activeId)) {
      return this;
    }
    if (!keys.containsKey(id)) {
      throw new IllegalArgumentException("data key " + id + " is not in the key ring " + keys.keySet());
    }
    return of(deactivating(at), id);
  }

  /** Every key, the active one marked as replaced at {@code at}. */
  private List<DataKey> deactivating(Instant at) {
    List<DataKey> all = new ArrayList<>();
    for (DataKey key : keys.values()) {
      all.add(key.id().equals(activeId) ? key.deactivated(at) : key);
    }
    return all;
  }

  /** This ring without {@code id}, which must not be the active key. */
  public DataKeyRing retire(String id) {
    if (id.equals(activeId)) {
      throw new IllegalArgumentException("data key " + id + " is active; rotate to a new key before retiring it");
    }
    if (!keys.containsKey(id)) {
      throw new IllegalArgumentException("data key " + id + " is not in the key ring " + keys.keySet());
    }
    List<DataKey> rest = new ArrayList<>(keys.values());
    rest.removeIf(k -> k.id().equals(id));
    return of(rest, activeId);
  }

  @Override
  public String toString() {
    return "DataKeyRing[active=" + activeId + ", keys=" + keys.keySet() + "]";
  }
}
