package dev.witness.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Slack app that posts approval requests and receives approvers' clicks. The bot token and
 * the signing secret each come from exactly one of an inline value, an environment variable or a
 * file; neither is ever printed.
 *
 * @param botToken bot user OAuth token ({@code xoxb-...}); prefer {@code botTokenFromEnv}
 * @param signingSecret the app's signing secret, used to verify every interactivity request
 * @param channel channel id (e.g. {@code C0123456789}) approval requests are posted to
 * @param apiUrl Slack Web API base URL; {@code https://slack.com/api/} unless testing
 */
public record SlackApprovalsConfig(
    String botToken,
    String botTokenFromEnv,
    String botTokenFromFile,
    String signingSecret,
    String signingSecretFromEnv,
    String signingSecretFromFile,
    String channel,
    String apiUrl) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public SlackApprovalsConfig {
    apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  /** Reads the bot token from wherever it is configured to come from. */
  public String resolveBotToken() {
    return resolve("approvals.slack.botToken", botToken, botTokenFromEnv, botTokenFromFile);
  }

  /** Reads the signing secret from wherever it is configured to come from. */
  public String resolveSigningSecret() {
    return resolve("approvals.slack.signingSecret", signingSecret, signingSecretFromEnv, signingSecretFromFile);
  }

  private static String resolve(String field, String value, String fromEnv, String fromFile) {
    if (value != null) {
      return value;
    }
    if (fromEnv != null) {
      String env = System.getenv(fromEnv);
      if (env == null || env.isBlank()) {
        throw new ConfigException(field + "FromEnv: environment variable " + fromEnv
            + " is not set; export it or use " + field + "FromFile");
      }
      return env.strip();
    }
    if (fromFile != null) {
      try {
        String text = Files.readString(Path.of(fromFile), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
          throw new ConfigException(field + "FromFile: " + fromFile + " is empty; write the secret into it");
        }
        return text;
      } catch (IOException e) {
        throw new ConfigException(field + "FromFile: cannot read " + fromFile + " (" + e.getMessage()
            + "); check the path and permissions");
      }
    }
    throw new ConfigException(field + ": missing; set " + field + "FromEnv (preferred), " + field
        + "FromFile or " + field);
  }

  @Override
  public String toString() {
    // Never print the secrets themselves, only where they come from.
    return "SlackApprovalsConfig[botToken=" + source(botToken, botTokenFromEnv, botTokenFromFile)
        + ", signingSecret=" + source(signingSecret, signingSecretFromEnv, signingSecretFromFile)
        + ", channel=" + channel + ", apiUrl=" + apiUrl + "]";
  }

  private static String source(String value, String fromEnv, String fromFile) {
    return value != null ? "inline" : fromEnv != null ? "env:" + fromEnv : fromFile != null ? "file:" + fromFile : "unset";
  }
}
