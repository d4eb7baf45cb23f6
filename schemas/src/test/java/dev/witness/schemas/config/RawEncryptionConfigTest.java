package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RawEncryptionConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void offByDefaultOnOnceAKeyRingIsNamedAndStandaloneCanTellItWasLeftUnset() {
    RawEncryptionConfig defaults = loader.parse("", "witness.yaml").masking().rawEncryption();
    assertThat(defaults.active()).isFalse();
    assertThat(defaults.unset()).isTrue();
    assertThat(defaults.acceptPlaintext()).isFalse();

    RawEncryptionConfig configured = loader.parse("""
        masking:
          rawEncryption:
            keyRingFile: /etc/witness/raw-data-keys.json
        """, "witness.yaml").masking().rawEncryption();
    assertThat(configured.active()).isTrue();
    assertThat(configured.keyRingFile()).isEqualTo("/etc/witness/raw-data-keys.json");

    RawEncryptionConfig off = loader.parse("""
        masking:
          rawEncryption: {enabled: false, keyRingFile: /etc/witness/raw-data-keys.json}
        """, "witness.yaml").masking().rawEncryption();
    assertThat(off.active()).isFalse();
    assertThat(off.unset()).isFalse();
  }

  @Test
  void aPlanKeepsTheSectionsEncryptionSettings() {
    MaskingConfig m = loader.parse("""
        masking:
          rawEncryption: {keyRingFile: ring.json, acceptPlaintext: true}
          plans:
            pii: {}
        """, "witness.yaml").masking();
    assertThat(m.plan("pii").rawEncryption()).isEqualTo(m.rawEncryption());
    assertThat(m.withRawEncryption(RawEncryptionConfig.defaults()).rawEncryption().active()).isFalse();
  }

  @Test
  void namesEachBadFieldAndTheFix() {
    assertThatThrownBy(() -> loader.parse("""
        masking:
          rawEncryption: {enabled: false, keyRingFile: " ", acceptPlaintext: true}
        """, "witness.yaml"))
        .hasMessageContaining("masking.rawEncryption.keyRingFile: blank; name the data key ring file")
        .hasMessageContaining("masking.rawEncryption.acceptPlaintext: only meaningful while enabled");
    assertThatThrownBy(() -> loader.parse("""
        masking:
          rawEncryption: {keyRing: ring.json}
        """, "witness.yaml"))
        .hasMessageContaining("keyRing");
  }
}
