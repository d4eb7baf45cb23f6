package dev.witness.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ScratchDirectory} leaves nothing behind: on close, and for the JVM-lifetime kind, at exit. */
class ScratchDirectoryTest {

  @Test
  void closingDeletesTheDirectoryWithEverythingInIt() throws IOException {
    Path dir;
    try (ScratchDirectory scratch = ScratchDirectory.create("witness-scratch-test")) {
      dir = scratch.path();
      Files.createDirectories(dir.resolve("kafka/witness.requests-0"));
      Files.writeString(dir.resolve("kafka/witness.requests-0/00000.log"), "records");
      Files.writeString(dir.resolve("banner.txt"), "ready");
      assertThat(dir.resolve("kafka/witness.requests-0/00000.log")).isRegularFile();
      assertThat(dir.getFileName().toString()).startsWith("witness-scratch-test");
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void deletingWhatIsAlreadyGoneIsNotAnError() throws IOException {
    Path dir = Files.createTempDirectory("witness-scratch-test");
    ScratchDirectory.deleteQuietly(dir);
    ScratchDirectory.deleteQuietly(dir);
    assertThat(dir).doesNotExist();
  }

  @Test
  void aDirectoryDeletedOnExitIsGoneOnceItsJvmHasExited() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
        .redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(child.exitValue()).as(output).isZero();
    Path dir = Path.of(output.lines().reduce((first, last) -> last).orElseThrow());

    assertThat(dir.getFileName().toString()).startsWith("witness-scratch-child");
    assertThat(dir).doesNotExist();
  }

  /** Makes a directory deleted on exit, fills it, names it and exits. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      Path dir = ScratchDirectory.deletedOnExit("witness-scratch-child");
      Files.createDirectories(dir.resolve("pg/base"));
      Files.writeString(dir.resolve("pg/base/1"), "page");
      System.out.println(dir);
    }
  }
}
