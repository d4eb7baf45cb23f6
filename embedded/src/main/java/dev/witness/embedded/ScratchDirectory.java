package dev.witness.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory that goes, with everything in it, when it is closed or the JVM exits: a
 * standalone's data directory holds two PostgreSQL clusters and a broker's logs, hundreds of MB a
 * run, so benchmarks and tests must not leave theirs in {@code /tmp}.
 */
public final class ScratchDirectory implements AutoCloseable {

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /** A new directory in the system's temporary directory, named {@code prefix} and a random suffix. */
  public static ScratchDirectory create(String prefix) throws IOException {
    return new ScratchDirectory(Files.createTempDirectory(prefix));
  }

  /** A new directory like {@link #create}'s, deleted when the JVM exits (for tests that hold one per class). */
  public static Path deletedOnExit(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "scratch-directory-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where it is. */
  public Path path() {
    return path;
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() {
    deleteQuietly(path);
  }

  /**
   * Deletes {@code dir} and everything in it, as far as it can: what cannot be deleted (a file a
   * process still writes) is named on stderr and left for the OS to clean.
   */
  public static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::deleteOne);
    } catch (NoSuchFileException gone) {
      // Already gone: nothing to do.
    } catch (IOException | UncheckedIOException e) {
      System.err.printf("could not delete %s: %s%n", dir, e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.printf("could not delete %s: %s%n", path, e);
    }
  }
}
