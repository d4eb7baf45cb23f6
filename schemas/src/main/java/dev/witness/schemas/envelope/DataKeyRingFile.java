package dev.witness.schemas.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The key ring file: JSON {@code {"active": id, "keys": [{"id", "createdAt", "aes256": base64,
 * "deactivatedAt"?}]}},
 * readable by its owner only. Written whole to a temporary file and moved into place, so a reader
 * never sees half a ring. Errors name the file, never its contents.
 */
public final class DataKeyRingFile {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private DataKeyRingFile() {}

  /** A new random key, its id made of its creation time and a random suffix. */
  public static DataKey newKey(Clock clock, SecureRandom random) {
    byte[] material = new byte[DataKey.KEY_BYTES];
    random.nextBytes(material);
    byte[] suffix = new byte[2];
    random.nextBytes(suffix);
    Instant now = clock.instant();
    return new DataKey("dk-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix), material, now);
  }

  /** Reads the ring in {@code file}; throws naming the file and what is wrong. */
  public static DataKeyRing read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new IOException("data key ring " + file + " does not exist");
      }
      throw new IOException("data key ring " + file + " is not JSON");
    }
    if (root == null || !root.path("active").isTextual() || !root.path("keys").isArray()) {
      throw new IOException("data key ring " + file + " needs \"active\" (a key id) and \"keys\" (an array)");
    }
    List<DataKey> keys = new ArrayList<>();
    for (JsonNode k : root.path("keys")) {
      String id = k.path("id").asText(null);
      try {
        byte[] material = Base64.getDecoder().decode(k.path("aes256").asText(""));
        Instant deactivatedAt = k.hasNonNull("deactivatedAt") ? Instant.parse(k.path("deactivatedAt").asText()) : null;
        keys.add(new DataKey(id, material, Instant.parse(k.path("createdAt").asText("")), deactivatedAt));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        // The message of a Base64 failure may quote the input: name the key, not its material.
        throw new IOException("data key ring " + file + ": key '" + id
            + "' needs an id, createdAt (ISO-8601), aes256 (32 bytes in base64) and, if present, deactivatedAt (ISO-8601)");
      }
    }
    try {
      return DataKeyRing.of(keys, root.path("active").asText());
    } catch (IllegalArgumentException e) {
      throw new IOException("data key ring " + file + ": " + e.getMessage());
    }
  }

  /** Writes {@code ring} to {@code file} (replacing it), owner read/write only. */
  public static void write(Path file, DataKeyRing ring) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("active", ring.active().id());
    ArrayNode keys = root.putArray("keys");
    for (DataKey key : ring.keys()) {
      ObjectNode entry = keys.addObject()
          .put("id", key.id())
          .put("createdAt", key.createdAt().toString())
          .put("aes256", Base64.getEncoder().encodeToString(key.material()));
      key.deactivatedAt().ifPresent(at -> entry.put("deactivatedAt", at.toString()));
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = ownerOnly(dir.resolve("." + file.getFileName() + ".tmp"));
    try {
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The ring in {@code file}, or a new ring of one key written there first (standalone's first start). */
  public static DataKeyRing loadOrCreate(Path file, Clock clock, SecureRandom random) throws IOException {
    if (Files.exists(file)) {
      return read(file);
    }
    DataKey first = newKey(clock, random);
    DataKeyRing ring = DataKeyRing.of(List.of(first), first.id());
    write(file, ring);
    return ring;
  }

  /** Adds a new key to the ring in {@code file}, active when {@code activate}; returns the new key's id. */
  public static String rotate(Path file, boolean activate, Clock clock, SecureRandom random) throws IOException {
    DataKey key = newKey(clock, random);
    write(file, read(file).with(key, activate));
    return key.id();
  }

  private static Path ownerOnly(Path temp) throws IOException {
    Files.deleteIfExists(temp);
    try {
      return Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the directory's ACL applies.
      return Files.createFile(temp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another writer is updating " + temp.getParent(), e);
    }
  }
}
