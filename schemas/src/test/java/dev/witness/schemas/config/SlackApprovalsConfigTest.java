package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackApprovalsConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void noApprovalsSectionMeansNoSlack() {
    assertThat(loader.parse("", "witness.yaml").approvals().slack()).isNull();
  }

  @Test
  void aSlackSectionBindsWithTheDefaultApiUrl() {
    WitnessConfig config = loader.parse("""
        approvals:
          slack:
            botTokenFromEnv: SLACK_BOT_TOKEN
            signingSecretFromFile: /run/secrets/slack-signing
            channel: C0123456789
        """, "witness.yaml");

    SlackApprovalsConfig slack = config.approvals().slack();
    assertThat(slack.botTokenFromEnv()).isEqualTo("SLACK_BOT_TOKEN");
    assertThat(slack.signingSecretFromFile()).isEqualTo("/run/secrets/slack-signing");
    assertThat(slack.channel()).isEqualTo("C0123456789");
    assertThat(slack.apiUrl()).isEqualTo("https://slack.com/api/");
  }

  @Test
  void anApiUrlGetsItsTrailingSlash() {
    WitnessConfig config = loader.parse("""
        approvals:
          slack: {botTokenFromEnv: T, signingSecretFromEnv: S, channel: C1, apiUrl: "http://127.0.0.1:9999/api"}
        """, "witness.yaml");

    assertThat(config.approvals().slack().apiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
  }

  @Test
  void everySlackProblemIsNamedWithItsFix() {
    assertThatThrownBy(() -> loader.parse("""
        approvals:
          slack:
            botToken: not-a-token-value
            botTokenFromEnv: SLACK_BOT_TOKEN
            apiUrl: ftp://slack.example
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("approvals.slack.botToken: set exactly one of botTokenFromEnv, botTokenFromFile, botToken")
        .hasMessageContaining("approvals.slack.signingSecret: set exactly one of signingSecretFromEnv")
        .hasMessageContaining("approvals.slack.botToken: is not a bot token (those start with xoxb-)")
        .hasMessageContaining("approvals.slack.channel: 'null' is not a channel")
        .hasMessageContaining("approvals.slack.apiUrl: 'ftp://slack.example/' is not an http(s) URL")
        // The inline value is a secret: it never appears in an error.
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-token-value"));
  }

  @Test
  void secretsResolveFromFileAndInlineAndNeverPrint(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("signing");
    Files.writeString(secret, "s3cr3t-signing\n");
    SlackApprovalsConfig slack = new SlackApprovalsConfig(
        "xoxb-inline-token", null, null, null, null, secret.toString(), "C1", null);

    assertThat(slack.resolveBotToken()).isEqualTo("xoxb-inline-token");
    assertThat(slack.resolveSigningSecret()).isEqualTo("s3cr3t-signing");
    assertThat(slack.toString()).doesNotContain("xoxb-inline-token").doesNotContain("s3cr3t")
        .contains("botToken=inline").contains("signingSecret=file:" + secret);
  }

  @Test
  void anUnsetEnvironmentVariableOrMissingFileIsNamed(@TempDir Path dir) {
    SlackApprovalsConfig fromEnv = new SlackApprovalsConfig(
        null, "WITNESS_TEST_SURELY_UNSET_VARIABLE", null, null, null, dir.resolve("absent").toString(), "C1", null);

    assertThatThrownBy(fromEnv::resolveBotToken).isInstanceOf(ConfigException.class)
        .hasMessageContaining("approvals.slack.botTokenFromEnv: environment variable WITNESS_TEST_SURELY_UNSET_VARIABLE is not set");
    assertThatThrownBy(fromEnv::resolveSigningSecret).isInstanceOf(ConfigException.class)
        .hasMessageContaining("approvals.slack.signingSecretFromFile: cannot read " + dir.resolve("absent"));
  }

  @Test
  void aWebhookSectionBindsWithItsDefaultTimeout() {
    WebhookApprovalsConfig webhook = loader.parse("""
        approvals:
          webhook:
            url: https://hooks.example.com/witness
            secretFromEnv: WITNESS_WEBHOOK_SECRET
        """, "witness.yaml").approvals().webhook();

    assertThat(webhook.url()).isEqualTo("https://hooks.example.com/witness");
    assertThat(webhook.timeout()).isEqualTo(java.time.Duration.ofSeconds(10));
  }

  @Test
  void everyWebhookProblemIsNamedWithItsFix() {
    assertThatThrownBy(() -> loader.parse("""
        approvals:
          webhook: {url: "hooks.example.com", secret: short-secret, timeout: 5m}
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("approvals.webhook.url: 'hooks.example.com' is not an http(s) URL")
        .hasMessageContaining("approvals.webhook.secret: shorter than 16 characters")
        .hasMessageContaining("approvals.webhook.timeout: PT5M must be positive and at most 1m")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
    assertThatThrownBy(() -> loader.parse("approvals:\n  webhook: {url: \"https://h.example.com\"}\n", "witness.yaml"))
        .hasMessageContaining("approvals.webhook.secret: set exactly one of secretFromEnv, secretFromFile, secret");
  }

  @Test
  void theWebhookSecretNeverPrints() {
    WebhookApprovalsConfig webhook = new WebhookApprovalsConfig(
        "https://h.example.com/hooks/T0/B0/pathtoken", "0123456789abcdef-secret", null, null, null);

    assertThat(webhook.resolveSecret()).isEqualTo("0123456789abcdef-secret");
    assertThat(webhook.toString()).doesNotContain("0123456789abcdef").doesNotContain("pathtoken")
        .contains("secret=inline").contains("https://h.example.com/");
  }
}
