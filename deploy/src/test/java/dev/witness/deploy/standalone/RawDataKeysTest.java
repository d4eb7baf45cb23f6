package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.envelope.DataKeyRingFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawDataKeysTest {

  @TempDir Path dir;

  @Test
  void standaloneTurnsEncryptionOnWithAnOwnerOnlyKeyRingMadeOnceInTheDataDir() throws Exception {
    WitnessConfig first = RawDataKeys.withStandaloneKeyRing(WitnessConfig.defaults(), dir);
    WitnessConfig again = RawDataKeys.withStandaloneKeyRing(WitnessConfig.defaults(), dir);

    Path ring = dir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE);
    assertThat(first.masking().rawEncryption().active()).isTrue();
    assertThat(first.masking().rawEncryption().keyRingFile()).isEqualTo(ring.toString());
    assertThat(Files.getPosixFilePermissions(ring)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(DataKeyRingFile.read(ring).keys()).hasSize(1);
    assertThat(again.masking().rawEncryption()).isEqualTo(first.masking().rawEncryption());
  }

  @Test
  void anExplicitSettingIsKept() {
    WitnessConfig off = WitnessConfig.defaults().withMasking(
        MaskingConfig.defaults().withRawEncryption(new RawEncryptionConfig(false, null, null)));
    WitnessConfig own = WitnessConfig.defaults().withMasking(
        MaskingConfig.defaults().withRawEncryption(RawEncryptionConfig.defaults().withKeyRingFile("/etc/ring.json")));

    assertThat(RawDataKeys.withStandaloneKeyRing(off, dir)).isEqualTo(off);
    assertThat(RawDataKeys.withStandaloneKeyRing(own, dir)).isEqualTo(own);
    assertThat(dir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE)).doesNotExist();
  }
}
