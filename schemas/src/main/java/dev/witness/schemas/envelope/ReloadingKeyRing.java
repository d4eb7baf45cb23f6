package dev.witness.schemas.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key ring file read again when it changes (checked at most once per {@link #CHECK_EVERY}), so a
 * rotation reaches running proxies and topologies without a restart. A file that becomes unreadable
 * keeps the last good ring (logged), never an empty one.
 */
public final class ReloadingKeyRing implements Supplier<DataKeyRing> {

  /** How stale a rotation may be seen. */
  public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyRing.class);

  private final Path file;
  private volatile DataKeyRing ring;
  private volatile long checkedAtNanos;
  private FileTime modified;
  private long size;

  private ReloadingKeyRing(Path file, DataKeyRing ring, FileTime modified, long size) {
    this.file = file;
    this.ring = ring;
    this.modified = modified;
    this.size = size;
    this.checkedAtNanos = System.nanoTime();
  }

  /** Reads {@code file} now (failing if it cannot), then follows its changes. */
  public static ReloadingKeyRing open(Path file) throws IOException {
    DataKeyRing ring = DataKeyRingFile.read(file);
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    LOG.info("data key ring loaded file={} active={} keys={}", file, ring.active().id(), ring.keys().size());
    return new ReloadingKeyRing(file, ring, attributes.lastModifiedTime(), attributes.size());
  }

  /** Like {@link #open(Path)}, with an unchecked error naming the configuration field. */
  public static ReloadingKeyRing openConfigured(String file) {
    try {
      return open(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("masking.rawEncryption.keyRingFile: " + e.getMessage()
          + "; create it with witness raw-keys rotate --key-ring " + file + " and give every proxy and streams instance the same file", e);
    }
  }

  @Override
  public DataKeyRing get() {
    if (System.nanoTime() - checkedAtNanos >= CHECK_EVERY.toNanos()) {
      reloadIfChanged();
    }
    return ring;
  }

  /** Reads the file again now if it changed (a chunk named a key this ring lacks). */
  public synchronized DataKeyRing refresh() {
    reloadIfChanged();
    return ring;
  }

  private synchronized void reloadIfChanged() {
    checkedAtNanos = System.nanoTime();
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.lastModifiedTime().equals(modified) && attributes.size() == size) {
        return;
      }
      DataKeyRing next = DataKeyRingFile.read(file);
      modified = attributes.lastModifiedTime();
      size = attributes.size();
      if (!next.active().id().equals(ring.active().id()) || next.keys().size() != ring.keys().size()) {
        LOG.info("data key ring reloaded file={} active={} keys={}", file, next.active().id(), next.keys().size());
      }
      ring = next;
    } catch (IOException | RuntimeException e) {
      LOG.warn("data key ring not reloaded file={} error=\"{}\" keeping active={}", file, e.getMessage(),
          ring.active().id());
    }
  }
}
