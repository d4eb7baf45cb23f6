package dev.witness.connectors.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends interactivity requests the way Slack does: {@code application/x-www-form-urlencoded} with
 * one {@code payload} field of JSON, signed with {@code X-Slack-Signature: v0=HMAC-SHA256(secret,
 * "v0:" + timestamp + ":" + body)} and {@code X-Slack-Request-Timestamp}.
 */
public final class SlackInteractivity {

  public static final String CHANNEL = "C0APPROVERS";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final String signingSecret;

  public SlackInteractivity(URI url, String signingSecret) {
    this.url = url;
    this.signingSecret = signingSecret;
  }

  /** A click on one of the approval message's buttons. */
  public static Map<String, Object> blockAction(String userId, String actionId, String approvalId, String messageTs) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("action_id", actionId);
    action.put("block_id", ApprovalMessages.ACTIONS_BLOCK);
    action.put("text", Map.of("type", "plain_text", "text", actionId.startsWith("witness_approve") ? "Approve" : "Reject",
        "emoji", true));
    action.put("value", approvalId);
    action.put("type", "button");
    action.put("action_ts", "1700000100.000200");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "block_actions");
    p.put("user", Map.of("id", userId, "username", "approver", "name", "approver", "team_id", FakeSlackWebApi.TEAM_ID));
    p.put("api_app_id", "A0WITNESS");
    p.put("token", "legacy-verification-token");
    p.put("container", Map.of("type", "message", "message_ts", messageTs, "channel_id", CHANNEL, "is_ephemeral", false));
    p.put("trigger_id", "1700000100.1234.5b6e0e0a4d3c");
    p.put("team", Map.of("id", FakeSlackWebApi.TEAM_ID, "domain", "witness-test"));
    p.put("enterprise", null);
    p.put("is_enterprise_install", false);
    p.put("channel", Map.of("id", CHANNEL, "name", "approvals"));
    p.put("message", Map.of("type", "message", "ts", messageTs, "bot_id", "B0WITNESS", "text", "Approval needed"));
    p.put("state", Map.of("values", Map.of()));
    p.put("response_url", "https://hooks.slack.com/actions/T0WITNESS/1/abc");
    p.put("actions", List.of(action));
    return p;
  }

  /** The submission of the reject modal, carrying back the private_metadata Witness set. */
  public static Map<String, Object> rejectSubmission(String userId, String privateMetadata, String reason) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", "V0MODAL");
    view.put("team_id", FakeSlackWebApi.TEAM_ID);
    view.put("type", "modal");
    view.put("blocks", List.of());
    view.put("private_metadata", privateMetadata);
    view.put("callback_id", ApprovalActions.REJECT_MODAL);
    view.put("state", Map.of("values", Map.of(ApprovalActions.REASON_BLOCK,
        Map.of(ApprovalActions.REASON_ACTION, Map.of("type", "plain_text_input", "value", reason)))));
    view.put("hash", "1700000200.abcdef");
    view.put("title", Map.of("type", "plain_text", "text", "Reject request"));
    view.put("clear_on_close", false);
    view.put("notify_on_close", false);
    view.put("root_view_id", "V0MODAL");
    view.put("app_id", "A0WITNESS");
    view.put("external_id", "");
    view.put("app_installed_team_id", FakeSlackWebApi.TEAM_ID);
    view.put("bot_id", "B0WITNESS");
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "view_submission");
    p.put("team", Map.of("id", FakeSlackWebApi.TEAM_ID, "domain", "witness-test"));
    p.put("user", Map.of("id", userId, "username", "approver", "name", "approver", "team_id", FakeSlackWebApi.TEAM_ID));
    p.put("api_app_id", "A0WITNESS");
    p.put("token", "legacy-verification-token");
    p.put("trigger_id", "1700000200.1234.9f8e7d");
    p.put("view", view);
    p.put("response_urls", List.of());
    p.put("is_enterprise_install", false);
    p.put("enterprise", null);
    return p;
  }

  /** Posts the payload signed with the right secret and a current timestamp. */
  public HttpResponse<String> send(Map<String, Object> payload) throws Exception {
    return send(payload, signingSecret, Instant.now());
  }

  public HttpResponse<String> send(Map<String, Object> payload, String secret, Instant timestamp) throws Exception {
    String body = formBody(payload);
    String ts = Long.toString(timestamp.getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", signature(secret, ts, body))
        .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The form body Slack posts an interaction payload in: {@code payload=<url-encoded JSON>}. */
  public static String formBody(Map<String, Object> payload) throws Exception {
    return "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
  }

  public static String signature(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(digest);
  }
}
