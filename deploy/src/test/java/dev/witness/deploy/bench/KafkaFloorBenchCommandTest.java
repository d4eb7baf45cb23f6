package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code witness bench kafka} completes every hop it measures on a real embedded broker (each
 * figure counts only round trips whose record came back) and prints their figures; a setting it
 * is given overrides the Streams application's.
 */
class KafkaFloorBenchCommandTest {

  @Test
  void measuresEveryHopAndPrintsFigures() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      status = new CommandLine(new KafkaFloorBenchCommand()).execute("--requests", "40", "--warmup", "10",
          "--streams-config", "commit.interval.ms=200");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    String figures = " +40 +[0-9.]+ +[0-9.]+ +[0-9.]+\\R";
    assertThat(out)
        .contains("overrides: producer {}, reply consumer {}, Streams {commit.interval.ms=200}")
        .containsPattern("produce, acks=all \\(proxy publisher thread\\)" + figures)
        .containsPattern("produce -> assigned reply consumer reads it" + figures)
        .containsPattern("produce -> Streams pass-through -> reply consumer" + figures)
        .containsPattern("two such round trips back to back \\(tools/call floor\\)" + figures)
        .containsPattern("tools/call direct \\(HTTP upstream\\)" + figures)
        .containsPattern("tools/call through the proxy, Kafka side in memory" + figures)
        .containsPattern("the proxy's own added p50: [+-][0-9.]+ ms")
        .doesNotContain("errors=");
  }
}
