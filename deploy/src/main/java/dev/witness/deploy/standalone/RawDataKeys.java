package dev.witness.deploy.standalone;

import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.DataKeyRingFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone's raw chunk encryption: unless {@code witness.yaml} turns it off or names a key ring, a
 * key ring made once in the data dir (owner-only), so raw responses never rest in Kafka in clear.
 */
final class RawDataKeys {

  private static final Logger LOG = LoggerFactory.getLogger(RawDataKeys.class);

  private RawDataKeys() {}

  /** {@code config} with encryption on and its key ring in {@code dataDir}, unless configured otherwise. */
  static WitnessConfig withStandaloneKeyRing(WitnessConfig config, Path dataDir) {
    RawEncryptionConfig raw = config.masking().rawEncryption();
    if (Boolean.FALSE.equals(raw.enabled()) || raw.keyRingFile() != null) {
      return config;
    }
    Path file = dataDir.resolve(RawEncryptionConfig.STANDALONE_KEY_RING_FILE);
    try {
      DataKeyRing ring = DataKeyRingFile.loadOrCreate(file, Clock.systemUTC(), new SecureRandom());
      LOG.info("raw chunk encryption on keyRing={} active={} keys={}", file, ring.active().id(), ring.keys().size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the raw data key ring " + file
          + "; fix or remove it (chunks encrypted with its keys are then unreadable), or set masking.rawEncryption", e);
    }
    return config.withMasking(config.masking().withRawEncryption(raw.withKeyRingFile(file.toString())));
  }
}
