package dev.witness.deploy.evidence;

import dev.witness.evidence.replay.TranscriptRenderer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code witness replay <session-id>}: a recorded session as a terminal transcript. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Print a recorded session in order, like a psql/HTTP transcript with timestamps.")
public final class ReplayCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SESSION-ID", description = "The session to replay (see GET /v1/sessions).")
  String sessionId;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8088", description = "Evidence API (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--data-dir", defaultValue = "witness-data", description = "Standalone data dir holding demo-auditor.token.")
  Path dataDir;

  @Option(names = "--token-file", description = "Auditor token file (default: $WITNESS_TOKEN, else <data-dir>/demo-auditor.token).")
  Path tokenFile;

  @Option(names = "--json", description = "Print the replay's JSON lines as served instead of the transcript.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String token = AuditorToken.read(tokenFile, dataDir);
    if (token == null) {
      err.println("witness replay: no auditor token: pass --token-file, set WITNESS_TOKEN, or run in the directory holding "
          + dataDir.resolve("demo-auditor.token"));
      return 2;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v1/sessions/" + sessionId + "/replay"))
        .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token).GET().build();
    HttpResponse<java.io.InputStream> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      err.println("witness replay: cannot reach the evidence API at " + url + ": " + e.getMessage());
      return 1;
    }
    try (Reader body = new InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
      if (response.statusCode() != 200) {
        err.println("witness replay: " + response.statusCode() + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        return response.statusCode() == 404 ? 4 : 1;
      }
      if (json) {
        body.transferTo(out);
      } else {
        TranscriptRenderer.render(body, out);
      }
    }
    out.flush();
    return 0;
  }

  /** The auditor token from a file, the environment, or the standalone data dir. */
  static final class AuditorToken {

    private AuditorToken() {}

    static String read(Path tokenFile, Path dataDir) throws IOException {
      if (tokenFile != null) {
        return Files.readString(tokenFile).strip();
      }
      String env = System.getenv("WITNESS_TOKEN");
      if (env != null && !env.isBlank()) {
        return env.strip();
      }
      Path standalone = dataDir.resolve("demo-auditor.token");
      return Files.isReadable(standalone) ? Files.readString(standalone).strip() : null;
    }
  }
}
