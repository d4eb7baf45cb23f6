package dev.witness.connectors.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.ids.UuidV7;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Slack's interactivity requests (button clicks and modal submissions) as handed over by
 * the evidence API's HTTP server, verifies Slack's signature (Bolt's request verification, always
 * on) and turns approvers' answers into {@code ApprovalDecision} records. Approve records at once;
 * Reject opens a modal asking for the reason and records on its submission. A vote is confirmed to
 * the approver only after Kafka acknowledged it; otherwise the approver is told it was not recorded.
 * Whether the vote counts (who may approve, quorum) is the approval topology's decision.
 */
public final class SlackInteractionHandler implements AutoCloseable {

  /** The value of {@code ApprovalDecision.channel} for votes cast in Slack. */
  public static final String CHANNEL = "slack";

  private static final Logger log = LoggerFactory.getLogger(SlackInteractionHandler.class);

  private static final Set<String> HANDLED_TYPES = Set.of("block_actions", "view_submission");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final App app;
  private final SignatureCheck signature;
  private final SlackRequestParser parser;
  private final SlackWebApi slack;
  private final ApprovalDecisionPublisher publisher;
  private final Clock clock;
  private final UuidV7 ids;
  private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "witness-slack-replies");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param signingSecret the Slack app's signing secret; every request must carry a valid signature
   * @param botToken the bot token, checked once with {@code auth.test} on the first request
   * @param slack the Web API client (also used for users.info, views.open, chat.postEphemeral)
   */
  public SlackInteractionHandler(String signingSecret, String botToken, SlackWebApi slack,
      ApprovalDecisionPublisher publisher, Clock clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("approvals.slack.signingSecret is required: requests cannot be verified without it");
    }
    this.slack = slack;
    this.publisher = publisher;
    this.clock = clock;
    this.ids = new UuidV7(clock);
    this.signature = new SignatureCheck(signingSecret, clock);
    AppConfig config = AppConfig.builder()
        .signingSecret(signingSecret)
        .singleTeamBotToken(botToken)
        .requestVerificationEnabled(true)
        .sslCheckEnabled(false)
        .threadPoolSize(1)
        .build();
    config.setSlack(slack.slack());
    this.app = new App(config);
    this.parser = new SlackRequestParser(config);
    app.blockAction(ApprovalActions.APPROVE, (req, ctx) -> onApprove(req, ctx));
    app.blockAction(ApprovalActions.REJECT, (req, ctx) -> onReject(req, ctx));
    app.viewSubmission(ApprovalActions.REJECT_MODAL, (req, ctx) -> onRejectSubmitted(req, ctx));
  }

  /**
   * Handles one HTTP request from Slack.
   *
   * @param method HTTP method (only POST is accepted)
   * @param path request path, e.g. {@code /slack/events}
   * @param query raw query string or null
   * @param headers request headers (names in any case); must include Slack's signature headers
   * @param body the raw request body, exactly as received (the signature covers it)
   */
  public SlackHttpResponse handle(String method, String path, String query, Map<String, List<String>> headers, String body) {
    if (!"POST".equalsIgnoreCase(method)) {
      return SlackHttpResponse.problem(405, "Method Not Allowed", "Slack sends interactivity requests with POST");
    }
    String raw = body == null ? "" : body;
    // Checked here before anything reads the body (Bolt checks again): unsigned bodies are never parsed or logged.
    if (!signature.isValid(first(headers, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP), raw,
        first(headers, SlackSignature.HeaderNames.X_SLACK_SIGNATURE))) {
      log.info("slack request with a missing, stale or wrong signature refused path={}", path);
      return SlackHttpResponse.problem(401, "Unauthorized", "missing, stale or invalid X-Slack-Signature");
    }
    Optional<String> type = payloadType(raw);
    if (type.isEmpty()) {
      return SlackHttpResponse.problem(400, "Bad Request", "not a Slack interactivity payload");
    }
    if (!HANDLED_TYPES.contains(type.get())) {
      // e.g. view_closed: nothing to record; Slack only needs a 200.
      return new SlackHttpResponse(200, null, Map.of(), "");
    }
    Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
        .requestUri(path)
        .queryString(Map.of())
        .requestBody(raw)
        .headers(new RequestHeaders(headers))
        .build());
    if (request == null) {
      return SlackHttpResponse.problem(400, "Bad Request", "not a Slack interactivity payload");
    }
    Response response;
    try {
      response = app.run(request);
    } catch (Exception e) {
      log.error("slack request failed error={}", e.toString(), e);
      return SlackHttpResponse.problem(500, "Internal Server Error", "the Slack request could not be handled");
    }
    return new SlackHttpResponse(response.getStatusCode(), response.getContentType(), response.getHeaders(), response.getBody());
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static Optional<String> payloadType(String body) {
    String json = new JsonPayloadExtractor().extractIfExists(body);
    if (json == null) {
      return Optional.empty();
    }
    try {
      JsonNode type = JSON.readTree(json).path("type");
      return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private Response onApprove(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String userId = p.getUser().getId();
    String channel = channelOf(p);
    Optional<String> approvalId = approvalIdOf(p);
    if (approvalId.isEmpty()) {
      return ctx.ack();
    }
    try {
      record(approvalId.get(), userId, true, null);
      tell(channel, userId, "Your approval of `" + Mrkdwn.escape(approvalId.get()) + "` is recorded.");
    } catch (NotRecorded e) {
      tell(channel, userId, ":warning: " + e.getMessage());
    }
    return ctx.ack();
  }

  private Response onReject(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload p = req.getPayload();
    String userId = p.getUser().getId();
    String channel = channelOf(p);
    Optional<String> approvalId = approvalIdOf(p);
    if (approvalId.isEmpty()) {
      return ctx.ack();
    }
    String ts = p.getContainer() != null ? p.getContainer().getMessageTs() : null;
    try {
      slack.openView(p.getTriggerId(), RejectModal.build(new RejectModal.Context(approvalId.get(), channel, ts)));
    } catch (SlackCallFailedException e) {
      log.warn("reject modal not opened approvalId={} user={} error={}", approvalId.get(), userId, e.error());
      tell(channel, userId, ":warning: Witness could not open the rejection form (" + Mrkdwn.escape(e.error())
          + "); nothing was recorded. Try again.");
    }
    return ctx.ack();
  }

  private Response onRejectSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload p = req.getPayload();
    String userId = p.getUser().getId();
    Optional<RejectModal.Context> context = RejectModal.context(p.getView().getPrivateMetadata());
    if (context.isEmpty()) {
      return ctx.ackWithErrors(Map.of(ApprovalActions.REASON_BLOCK, "This form is not linked to an approval; close it."));
    }
    Optional<String> reason = RejectModal.reason(p.getView().getState());
    if (reason.isEmpty()) {
      return ctx.ackWithErrors(Map.of(ApprovalActions.REASON_BLOCK, "Give a reason for the rejection."));
    }
    String approvalId = context.get().approvalId();
    try {
      record(approvalId, userId, false, Mrkdwn.cut(reason.get(), RejectModal.MAX_REASON));
    } catch (NotRecorded e) {
      // The modal stays open with the error, so the approver sees nothing was recorded and may retry.
      return ctx.ackWithErrors(Map.of(ApprovalActions.REASON_BLOCK, e.getMessage()));
    }
    if (context.get().channel() != null) {
      tell(context.get().channel(), userId, "Your rejection of `" + Mrkdwn.escape(approvalId) + "` is recorded.");
    }
    return ctx.ack();
  }

  /** Looks up the approver's email and writes the vote; throws when either fails. */
  private void record(String approvalId, String userId, boolean approve, String reason) {
    String email;
    try {
      email = slack.userEmail(userId).orElse(null);
    } catch (SlackCallFailedException e) {
      log.warn("approver email lookup failed approvalId={} user={} error={}", approvalId, userId, e.error());
      throw new NotRecorded("Witness could not look up your Slack profile (" + e.error()
          + "), so your decision was NOT recorded. Try again; if it persists, ask an admin to check the app's "
          + "users:read.email scope.");
    }
    ApprovalDecision decision = ApprovalDecision.newBuilder()
        .setDecisionId(ids.nextString())
        .setApprovalId(approvalId)
        .setChannel(CHANNEL)
        .setApproverId(userId)
        .setApproverEmail(email)
        .setApprove(approve)
        .setReason(reason)
        .setDecidedAt(clock.instant())
        .build();
    try {
      publisher.publish(decision);
    } catch (DecisionNotRecordedException e) {
      log.error("approval decision not recorded approvalId={} user={} approve={} error={}",
          approvalId, userId, approve, e.getMessage());
      throw new NotRecorded("Witness could not record your decision (the event log did not confirm it), so "
          + "nothing was " + (approve ? "approved" : "rejected") + ". Try again in a moment.");
    }
    log.info("approval decision recorded approvalId={} decisionId={} user={} approve={}",
        approvalId, decision.getDecisionId(), userId, approve);
  }

  /** Posts an ephemeral reply after the HTTP answer: Slack wants that answer within 3 s. */
  private void tell(String channel, String userId, String text) {
    if (channel == null) {
      return;
    }
    replies.execute(() -> {
      try {
        slack.postEphemeral(channel, userId, text);
      } catch (SlackCallFailedException e) {
        log.warn("ephemeral reply not posted channel={} user={} error={}", channel, userId, e.error());
      }
    });
  }

  private static String channelOf(BlockActionPayload p) {
    if (p.getChannel() != null && p.getChannel().getId() != null) {
      return p.getChannel().getId();
    }
    return p.getContainer() == null ? null : p.getContainer().getChannelId();
  }

  private static Optional<String> approvalIdOf(BlockActionPayload p) {
    if (p.getActions() == null) {
      return Optional.empty();
    }
    return p.getActions().stream().map(a -> ApprovalActions.approvalId(a.getActionId()))
        .flatMap(Optional::stream).findFirst();
  }

  @Override
  public void close() {
    app.stop();
    app.executorService().shutdownNow();
    replies.shutdown();
    try {
      replies.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A vote that was not recorded; the message is shown to the approver. */
  private static final class NotRecorded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotRecorded(String message) {
      super(message);
    }
  }
}
