package dev.witness.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A generic webhook that receives every approval event as signed JSON (e.g. a ticketing or chat
 * system other than Slack). The signing secret comes from exactly one of an inline value, an
 * environment variable or a file, and is never printed.
 *
 * @param url where events are POSTed
 * @param secret the HMAC-SHA256 key receivers verify {@code X-Witness-Signature} with
 * @param timeout how long one delivery may take before it is retried
 */
public record WebhookApprovalsConfig(
    String url, String secret, String secretFromEnv, String secretFromFile, Duration timeout) {

  public WebhookApprovalsConfig {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /** Reads the signing secret from wherever it is configured to come from. */
  public String resolveSecret() {
    if (secret != null) {
      return secret;
    }
    if (secretFromEnv != null) {
      String env = System.getenv(secretFromEnv);
      if (env == null || env.isBlank()) {
        throw new ConfigException("approvals.webhook.secretFromEnv: environment variable " + secretFromEnv
            + " is not set; export it or use approvals.webhook.secretFromFile");
      }
      return env.strip();
    }
    if (secretFromFile != null) {
      try {
        String text = Files.readString(Path.of(secretFromFile), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
          throw new ConfigException("approvals.webhook.secretFromFile: " + secretFromFile + " is empty; write the secret into it");
        }
        return text;
      } catch (IOException e) {
        throw new ConfigException("approvals.webhook.secretFromFile: cannot read " + secretFromFile + " ("
            + e.getMessage() + "); check the path and permissions");
      }
    }
    throw new ConfigException("approvals.webhook.secret: missing; set secretFromEnv (preferred), secretFromFile or secret");
  }

  @Override
  public String toString() {
    // Never print the secret itself, only where it comes from.
    String source = secret != null ? "inline" : secretFromEnv != null ? "env:" + secretFromEnv
        : secretFromFile != null ? "file:" + secretFromFile : "unset";
    // Only scheme and host of the URL: webhook URLs often carry a token in their path.
    String host;
    try {
      java.net.URI uri = java.net.URI.create(url);
      host = uri.getScheme() + "://" + uri.getAuthority() + "/…";
    } catch (RuntimeException e) {
      host = "(unparsable)";
    }
    return "WebhookApprovalsConfig[url=" + host + ", secret=" + source + ", timeout=" + timeout + "]";
  }
}
