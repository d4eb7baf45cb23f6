package dev.witness.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeyRingFileTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:02:03Z"), ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void loadOrCreateWritesAnOwnerOnlyRingOfOneActiveKeyOnceAndThenLoadsIt() throws IOException {
    Path file = dir.resolve("raw-data-keys.json");

    DataKeyRing created = DataKeyRingFile.loadOrCreate(file, CLOCK, RANDOM);
    DataKeyRing loaded = DataKeyRingFile.loadOrCreate(file, CLOCK, RANDOM);

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(created.keys()).hasSize(1);
    assertThat(created.active().id()).matches("dk-20261126T010203Z-[0-9a-f]{4}");
    assertThat(loaded.keys()).isEqualTo(created.keys());
    assertThat(loaded.active()).isEqualTo(created.active());
    assertThat(Files.list(dir)).containsExactly(file);
  }

  @Test
  void rotationAddsAnActiveKeyAndKeepsTheOldOnesReadableUntilRetired() throws IOException {
    Path file = dir.resolve("ring.json");
    String first = DataKeyRingFile.loadOrCreate(file, CLOCK, RANDOM).active().id();

    String staged = DataKeyRingFile.rotate(file, false, CLOCK, RANDOM);
    assertThat(DataKeyRingFile.read(file).active().id()).isEqualTo(first);
    assertThat(DataKeyRingFile.read(file).find(first).orElseThrow().deactivatedAt()).isEmpty();
    Instant activatedAt = CLOCK.instant().plusSeconds(90);
    DataKeyRingFile.write(file, DataKeyRingFile.read(file).activate(staged, activatedAt));
    DataKeyRing rotated = DataKeyRingFile.read(file);

    assertThat(rotated.active().id()).isEqualTo(staged);
    assertThat(rotated.find(first)).isPresent();
    assertThat(rotated.find(first).orElseThrow().deactivatedAt()).contains(activatedAt);
    assertThat(rotated.active().deactivatedAt()).isEmpty();
    assertThatThrownBy(() -> rotated.retire(staged)).hasMessageContaining("is active");
    DataKeyRingFile.write(file, rotated.retire(first));
    assertThat(DataKeyRingFile.read(file).find(first)).isEmpty();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void brokenFilesAreNamedWithoutTheirContents() throws IOException {
    Path notJson = dir.resolve("a.json");
    Files.writeString(notJson, "c2VjcmV0IGtleQ==");
    Path shortKey = dir.resolve("b.json");
    String secret = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());
    Files.writeString(shortKey, "{\"active\":\"k1\",\"keys\":[{\"id\":\"k1\",\"createdAt\":\"2026-11-26T00:00:00Z\",\"aes256\":\""
        + secret + "\"}]}");
    Path noActive = dir.resolve("c.json");
    DataKey key = DataKeyRingFile.newKey(CLOCK, RANDOM);
    Files.writeString(noActive, "{\"active\":\"k9\",\"keys\":[{\"id\":\"" + key.id()
        + "\",\"createdAt\":\"2026-11-26T00:00:00Z\",\"aes256\":\"" + Base64.getEncoder().encodeToString(key.material()) + "\"}]}");

    assertThatThrownBy(() -> DataKeyRingFile.read(notJson)).hasMessageContaining("a.json is not JSON")
        .hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> DataKeyRingFile.read(shortKey)).hasMessageContaining("key 'k1' needs")
        .hasMessageNotContaining(secret);
    assertThatThrownBy(() -> DataKeyRingFile.read(noActive)).hasMessageContaining("active data key k9 is not in the key ring");
    assertThatThrownBy(() -> DataKeyRingFile.read(dir.resolve("absent.json"))).hasMessageContaining("does not exist");
  }

  @Test
  void aReloadingRingFollowsRotationAndKeepsTheLastGoodRingWhenTheFileBreaks() throws Exception {
    Path file = dir.resolve("ring.json");
    String first = DataKeyRingFile.loadOrCreate(file, CLOCK, RANDOM).active().id();
    ReloadingKeyRing ring = ReloadingKeyRing.open(file);

    String second = DataKeyRingFile.rotate(file, true, CLOCK, RANDOM);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(ring.refresh().active().id()).isEqualTo(second);
    assertThat(ring.get().find(first)).isPresent();

    Files.writeString(file, "broken");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(ring.refresh().active().id()).isEqualTo(second);
  }
}
