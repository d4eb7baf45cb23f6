package dev.witness.evidence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.bundle.BundleLayout;
import dev.witness.evidence.bundle.EventLine;
import dev.witness.evidence.support.Bundles;
import dev.witness.evidence.verify.BundleVerification;
import dev.witness.evidence.verify.BundleVerifier;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's bundle is what the exporter writes, and it verifies. */
class SyntheticBundleTest {

  @Test
  void writesExporterLinesThatVerify(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("bundle.zip");
    SigningKey key = SigningKeys.generate();
    SyntheticBundle.write(bundle, 1_001, 2, key, n -> { });

    List<String> lines = Bundles.lines(bundle, BundleLayout.EVENTS);
    assertThat(lines).hasSize(1_001);
    for (String line : lines) {
      assertThat(EventLine.parse(line).toJson()).isEqualTo(line);
    }
    BundleVerification v = BundleVerifier.verify(bundle, TrustedKeys.of(key.publicKey()));
    assertThat(v.valid()).as(v.report()).isTrue();
    assertThat(v.events()).isEqualTo(1_001);
  }
}
