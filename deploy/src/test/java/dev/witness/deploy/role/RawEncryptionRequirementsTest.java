package dev.witness.deploy.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.config.WitnessConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawEncryptionRequirementsTest {

  private static WitnessConfig with(RawEncryptionConfig raw) {
    return WitnessConfig.defaults().withMasking(MaskingConfig.defaults().withRawEncryption(raw));
  }

  @Test
  void proxiesAndStreamsNeedTheKeyRingOnceEncryptionIsOn() {
    WitnessConfig noFile = with(new RawEncryptionConfig(true, null, null));
    WitnessConfig absent = with(RawEncryptionConfig.defaults().withKeyRingFile("/secrets/raw-data-keys.json"));

    for (Role role : new Role[] {Role.PROXY, Role.STREAMS}) {
      assertThat(RoleRequirements.problems(noFile, role, Map.of(), p -> true))
          .anyMatch(p -> p.startsWith("masking.rawEncryption.keyRingFile: missing;"));
      assertThat(RoleRequirements.problems(absent, role, Map.of(), p -> false))
          .contains("masking.rawEncryption.keyRingFile: /secrets/raw-data-keys.json is not a readable file; "
              + "mount the key ring (from a Secret) at that path");
      assertThat(RoleRequirements.problems(absent, role, Map.of(), p -> true))
          .noneMatch(p -> p.startsWith("masking.rawEncryption"));
      assertThat(RoleRequirements.problems(WitnessConfig.defaults(), role, Map.of(), p -> true))
          .noneMatch(p -> p.startsWith("masking.rawEncryption"));
    }
  }
}
