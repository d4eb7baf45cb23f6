package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code witness bench verify} writes a bundle that {@code witness verify} accepts, and prints its figures. */
class VerifyBenchCommandTest {

  @Test
  void verifiesTheGeneratedBundleAndPrintsFigures() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      status = new CommandLine(new VerifyBenchCommand()).execute("--entries", "3000", "--runs", "1");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out).contains("VERIFIED: 3000 events")
        .containsPattern("run 1: 3,000 entries verified in [0-9.]+ s wall, [0-9.]+ s CPU")
        .contains("(exit 0)");
  }
}
