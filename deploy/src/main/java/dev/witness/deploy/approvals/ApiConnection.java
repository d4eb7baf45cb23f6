package dev.witness.deploy.approvals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the evidence API is and which token to send: the options every {@code witness approvals} command shares. */
public final class ApiConnection {

  /** The environment variable holding a token, used when {@code --token-file} is not given. */
  public static final String TOKEN_ENV = "WITNESS_TOKEN";
  /** The demo approver's token file that {@code witness standalone} writes into its data directory. */
  public static final String DEMO_TOKEN_FILE = "demo-approver.token";

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8088",
      description = "Evidence API base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--token-file",
      description = "File holding an approver's API token (default: $" + TOKEN_ENV + ", else <data-dir>/" + DEMO_TOKEN_FILE + ").")
  Path tokenFile;

  @Option(names = "--data-dir", defaultValue = "witness-data",
      description = "Standalone data directory, for the demo approver's token (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  /** The base URL without a trailing slash. */
  String baseUrl() {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The token: from {@code --token-file}, else {@value #TOKEN_ENV}, else the demo approver's file.
   *
   * @throws MissingToken naming every place looked at
   */
  String token(Function<String, String> env) {
    if (tokenFile != null) {
      return read(tokenFile);
    }
    String fromEnv = env.apply(TOKEN_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    Path demo = dataDir.resolve(DEMO_TOKEN_FILE);
    if (Files.isReadable(demo)) {
      return read(demo);
    }
    throw new MissingToken("No API token: pass --token-file, set " + TOKEN_ENV + ", or start `witness standalone "
        + "--data-dir " + dataDir + "` which writes " + demo);
  }

  private static String read(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new MissingToken("Token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new MissingToken("Cannot read token file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** No usable token was found. */
  static final class MissingToken extends RuntimeException {

    MissingToken(String message) {
      super(message, null, false, false);
    }
  }
}
