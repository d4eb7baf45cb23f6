package dev.witness.deploy.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.deploy.LauncherRun;
import dev.witness.schemas.envelope.DataKey;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.DataKeyRingFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawKeysCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return LauncherRun.execute(out, err, args);
  }

  @Test
  void rotateCreatesStagesAndActivatesKeysAndListNeverPrintsMaterial() throws Exception {
    Path ring = dir.resolve("ring.json");

    assertThat(run("raw-keys", "rotate", "--key-ring", ring.toString())).isZero();
    String first = DataKeyRingFile.read(ring).active().id();
    assertThat(run("raw-keys", "rotate", "--stage", "--key-ring", ring.toString())).isZero();
    DataKeyRing staged = DataKeyRingFile.read(ring);
    String second = staged.keys().get(1).id();
    assertThat(staged.active().id()).isEqualTo(first);
    assertThat(run("raw-keys", "activate", second, "--key-ring", ring.toString())).isZero();
    assertThat(run("raw-keys", "list", "--key-ring", ring.toString())).isZero();

    assertThat(DataKeyRingFile.read(ring).active().id()).isEqualTo(second);
    assertThat(out.toString()).contains("  " + first + "  created").contains("* " + second + "  created");
    String file = Files.readString(ring);
    String material = file.substring(file.indexOf("\"aes256\" : \"") + 12, file.indexOf("\"aes256\" : \"") + 40);
    assertThat(out.toString()).doesNotContain(material);
    assertThat(Files.getPosixFilePermissions(ring)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void retireWaitsForTheRawTopicsRetentionAndNeverRemovesTheActiveKey() throws Exception {
    Path ring = dir.resolve("ring.json");
    run("raw-keys", "rotate", "--key-ring", ring.toString());
    String old = DataKeyRingFile.read(ring).active().id();
    run("raw-keys", "rotate", "--key-ring", ring.toString());
    String active = DataKeyRingFile.read(ring).active().id();

    assertThat(run("raw-keys", "retire", old, "--key-ring", ring.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("may still decrypt chunks on witness.responses.raw until");
    assertThat(run("raw-keys", "retire", active, "--key-ring", ring.toString(), "--force")).isEqualTo(2);
    assertThat(err.toString()).contains("is active; rotate to a new key before retiring it");
    assertThat(run("raw-keys", "retire", old, "--key-ring", ring.toString(), "--retention", "PT0S")).isZero();

    assertThat(DataKeyRingFile.read(ring).find(old)).isEmpty();
    assertThat(DataKeyRingFile.read(ring).active().id()).isEqualTo(active);
  }

  @Test
  void retireCountsTheRetentionFromWhenTheKeyStoppedBeingActiveNotFromItsSuccessorsCreation() throws Exception {
    Path ring = dir.resolve("ring.json");
    Instant now = Instant.now();
    SecureRandom random = new SecureRandom();
    // Staged three hours ago, activated only now: the old key sealed chunks until a moment ago.
    DataKey old = DataKeyRingFile.newKey(Clock.fixed(now.minus(Duration.ofHours(4)), ZoneOffset.UTC), random);
    DataKey staged = DataKeyRingFile.newKey(Clock.fixed(now.minus(Duration.ofHours(3)), ZoneOffset.UTC), random);
    DataKeyRingFile.write(ring, DataKeyRing.of(List.of(old, staged), old.id()));
    assertThat(run("raw-keys", "activate", staged.id(), "--key-ring", ring.toString())).isZero();

    assertThat(DataKeyRingFile.read(ring).find(old.id()).orElseThrow().deactivatedAt())
        .hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(now));
    assertThat(run("raw-keys", "retire", old.id(), "--key-ring", ring.toString(), "--retention", "PT1H")).isEqualTo(2);
    assertThat(err.toString()).contains("replaced as the active key + PT1H");
    assertThat(DataKeyRingFile.read(ring).find(old.id())).isPresent();
    assertThat(run("raw-keys", "retire", old.id(), "--key-ring", ring.toString(), "--retention", "PT0S")).isZero();
    assertThat(DataKeyRingFile.read(ring).find(old.id())).isEmpty();
  }
}
