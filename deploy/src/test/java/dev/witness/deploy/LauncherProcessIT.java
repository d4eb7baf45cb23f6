package dev.witness.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher as a user runs it: start, serve a request, Ctrl-C, clean stop. */
class LauncherProcessIT {

  @TempDir Path dir;

  @Test
  void standaloneStartsServesAndStopsCleanlyOnCtrlC() throws Exception {
    Path jar = Path.of("target", "witness.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path dataDir = dir.resolve("data");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", jar.toString(), "standalone", "--data-dir", dataDir.toString(),
        "--kafka-port", "0", "--registry-port", "0", "--http-port", "0", "--postgres-port", "0",
        "--evidence-port", "0", "--demo-port", "0")
        .redirectError(dir.resolve("stderr.log").toFile())
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        // the process ended
      }
    });
    reader.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> lines.stream().anyMatch(l -> l.startsWith("ready")) || !process.isAlive());
      assertThat(lines).as("stdout").anyMatch(l -> l.startsWith("ready"));

      String proxy = endpoint(lines, "HTTP proxy");
      String token = Files.readString(dataDir.resolve("demo-agent.token")).strip();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy + "/demo/customers/2"))
          .header("Authorization", "Bearer " + token).header("X-Witness-Purpose", "process-it").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"id\":2");

      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      reader.join(5000);
      assertThat(lines).contains("witness: stopped");
      assertThat(Files.readString(dir.resolve("stderr.log"))).doesNotContain(token);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String endpoint(List<String> lines, String name) {
    Pattern p = Pattern.compile("\\s*" + Pattern.quote(name) + "\\s+(http://\\S+).*");
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no " + name + " line in " + lines);
  }
}
