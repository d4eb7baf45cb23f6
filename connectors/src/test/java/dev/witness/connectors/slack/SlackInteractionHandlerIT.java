package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interaction handler when Kafka is down: the approver is told the vote was not recorded and
 * nothing claims success. Also the HTTP edge cases of the mounted route.
 */
class SlackInteractionHandlerIT {

  private FakeSlackWebApi slack;
  private SlackWebApi webApi;
  private ApprovalDecisionPublisher publisher;
  private SlackInteractionHandler handler;
  private Javalin http;
  private URI url;
  private SlackInteractivity interactivity;

  @BeforeEach
  void start() throws Exception {
    slack = new FakeSlackWebApi(SlackApprovalsIT.BOT_TOKEN);
    slack.addUser("U0ALICE", "alice@example.com");
    webApi = new SlackWebApi(slack.apiUrl(), SlackApprovalsIT.BOT_TOKEN);
    publisher = new ApprovalDecisionPublisher("127.0.0.1:" + unusedPort(), new InMemorySchemaRegistryClient(),
        Duration.ofMillis(800));
    handler = new SlackInteractionHandler(SlackApprovalsIT.SIGNING_SECRET, SlackApprovalsIT.BOT_TOKEN, webApi, publisher,
        Clock.systemUTC());
    http = SlackRoute.mount(Javalin.create(), handler).start("127.0.0.1", 0);
    url = URI.create("http://127.0.0.1:" + http.port() + SlackRoute.PATH);
    interactivity = new SlackInteractivity(url, SlackApprovalsIT.SIGNING_SECRET);
  }

  private static int unusedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() {
    http.stop();
    handler.close();
    publisher.close();
    webApi.close();
    slack.close();
  }

  @Test
  void anApprovalKafkaDidNotAcknowledgeIsReportedAsNotRecorded() throws Exception {
    String id = ApprovalEvents.newApprovalId();

    HttpResponse<String> click = interactivity.send(SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, "1.2"));

    assertThat(click.statusCode()).isEqualTo(200);
    FakeSlackWebApi.Call told = slack.await("chat.postEphemeral", c -> "U0ALICE".equals(c.params().get("user")));
    assertThat(told.params().get("text")).contains("could not record your decision").contains("nothing was approved");
    assertThat(slack.calls("chat.postEphemeral")).noneMatch(c -> c.params().get("text").contains("is recorded"));
  }

  @Test
  void aRejectionKafkaDidNotAcknowledgeKeepsTheModalOpenWithTheError() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    String metadata = "{\"approvalId\":\"" + id + "\",\"channel\":\"" + SlackInteractivity.CHANNEL + "\",\"messageTs\":\"1.2\"}";

    HttpResponse<String> submit = interactivity.send(SlackInteractivity.rejectSubmission("U0ALICE", metadata, "too risky"));

    assertThat(submit.statusCode()).isEqualTo(200);
    assertThat(submit.body()).contains("\"response_action\":\"errors\"").contains("\"reason\"")
        .contains("could not record your decision");
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void aModalSubmissionWithoutOurMetadataIsRefusedInTheModal() throws Exception {
    HttpResponse<String> submit = interactivity.send(SlackInteractivity.rejectSubmission("U0ALICE", "", "too risky"));

    assertThat(submit.statusCode()).isEqualTo(200);
    assertThat(submit.body()).contains("\"response_action\":\"errors\"").contains("not linked to an approval");
    assertThat(slack.calls("users.info")).isEmpty();
  }

  @Test
  void anUnsignedRequestIsRefusedAndNotLookedAt() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    String body = SlackInteractivity.formBody(
        SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, "1.2"));

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(slack.calls("users.info")).isEmpty();
  }

  @Test
  void aSignatureOverAnotherBodyIsRefused() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    String ts = Long.toString(Instant.now().getEpochSecond());
    String signedBody = "payload=%7B%7D";
    String body = SlackInteractivity.formBody(
        SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, "1.2"));

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", SlackInteractivity.signature(SlackApprovalsIT.SIGNING_SECRET, ts, signedBody))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(slack.calls("users.info")).isEmpty();
  }

  @Test
  void otherMethodsAndNonSlackBodiesGetProblemJson() {
    SlackHttpResponse get = handler.handle("GET", SlackRoute.PATH, null, java.util.Map.of(), "");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.contentType()).isEqualTo("application/problem+json");

    SlackHttpResponse unsigned = handler.handle("POST", SlackRoute.PATH, null, java.util.Map.of(), "hello=world");
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.contentType()).isEqualTo("application/problem+json");

    String ts = Long.toString(Instant.now().getEpochSecond());
    SlackHttpResponse junk = handler.handle("POST", SlackRoute.PATH, null, java.util.Map.of(
        "X-Slack-Request-Timestamp", java.util.List.of(ts),
        "x-slack-signature", java.util.List.of(signature(ts, "hello=world"))), "hello=world");
    assertThat(junk.status()).isEqualTo(400);
    assertThat(junk.body()).contains("not a Slack interactivity payload");
  }

  private static String signature(String ts, String body) {
    try {
      return SlackInteractivity.signature(SlackApprovalsIT.SIGNING_SECRET, ts, body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
