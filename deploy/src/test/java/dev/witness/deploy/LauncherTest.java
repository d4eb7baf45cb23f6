package dev.witness.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return LauncherRun.execute(new StringWriter(), err, args);
  }

  @Test
  void malformedConfigExitsWithTwoAndNamesTheField() throws Exception {
    Path config = dir.resolve("witness.yaml");
    Files.writeString(config, """
        proxy:
          http:
            listen: "127.0.0.1:99999"
        """);
    int code = run("standalone", "--data-dir", dir.resolve("data").toString(), "--config", config.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("proxy.http.listen").contains("99999").contains("host:port");
  }

  @Test
  void unknownFieldIsNamed() throws Exception {
    Path config = dir.resolve("witness.yaml");
    Files.writeString(config, "kafka:\n  bootstrapp: 127.0.0.1:9092\n");
    int code = run("standalone", "--data-dir", dir.resolve("data").toString(), "--config", config.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("kafka").contains("bootstrapp").contains("bootstrap");
  }

  @Test
  void missingConfigFileIsAConfigurationError() {
    int code = run("standalone", "--config", dir.resolve("absent.yaml").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("absent.yaml").contains("not found");
  }

  @Test
  void portInUseIsNamedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      int code = run("standalone", "--data-dir", dir.resolve("data").toString(), "--http-port", String.valueOf(port),
          "--kafka-port", "0", "--registry-port", "0", "--postgres-port", "0", "--evidence-port", "0", "--demo-port", "0");
      assertThat(code).isEqualTo(3);
      assertThat(err.toString()).contains("Port " + port).contains("HTTP proxy");
      assertThat(dir.resolve("data")).doesNotExist();
    }
  }
}
