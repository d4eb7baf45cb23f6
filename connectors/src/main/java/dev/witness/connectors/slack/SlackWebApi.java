package dev.witness.connectors.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Slack Web API calls the connector makes, through the official SDK, with the bot token. Every
 * failure becomes a {@link SlackCallFailedException}; tokens never appear in messages.
 */
public final class SlackWebApi implements AutoCloseable {

  /** A posted message: the channel id and timestamp Slack identifies it by. */
  public record Posted(String channel, String ts) {}

  private final Slack slack;
  private final MethodsClient methods;

  /**
   * @param apiUrl Web API base URL ending in {@code /}, e.g. {@code https://slack.com/api/}
   * @param botToken the bot user OAuth token
   */
  public SlackWebApi(String apiUrl, String botToken) {
    this(newSlack(apiUrl), botToken);
  }

  SlackWebApi(Slack slack, String botToken) {
    this.slack = slack;
    this.methods = slack.methods(botToken);
  }

  /** A Slack SDK instance whose Web API calls go to {@code apiUrl}. */
  static Slack newSlack(String apiUrl) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(apiUrl);
    config.setPrettyResponseLoggingEnabled(false);
    return Slack.getInstance(config);
  }

  /** The SDK instance, shared with the Bolt app so both talk to the same API URL. */
  Slack slack() {
    return slack;
  }

  public Posted postMessage(String channel, String text, List<LayoutBlock> blocks) {
    ChatPostMessageResponse r = call("chat.postMessage",
        () -> methods.chatPostMessage(q -> q.channel(channel).text(text).blocks(blocks).unfurlLinks(false).unfurlMedia(false)));
    return new Posted(r.getChannel(), r.getTs());
  }

  public void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
    call("chat.update", () -> methods.chatUpdate(q -> q.channel(channel).ts(ts).text(text).blocks(blocks)));
  }

  public void postEphemeral(String channel, String user, String text) {
    call("chat.postEphemeral", () -> methods.chatPostEphemeral(q -> q.channel(channel).user(user).text(text)));
  }

  public void openView(String triggerId, View view) {
    call("views.open", () -> methods.viewsOpen(q -> q.triggerId(triggerId).view(view)));
  }

  /** The user's email (needs the {@code users:read.email} scope); empty when the profile has none. */
  public Optional<String> userEmail(String userId) {
    UsersInfoResponse r = call("users.info", () -> methods.usersInfo(q -> q.user(userId)));
    if (r.getUser() == null || r.getUser().getProfile() == null) {
      return Optional.empty();
    }
    String email = r.getUser().getProfile().getEmail();
    return email == null || email.isBlank() ? Optional.empty() : Optional.of(email);
  }

  private interface Call<R> {
    R run() throws IOException, SlackApiException;
  }

  private static <R extends SlackApiTextResponse> R call(String method, Call<R> call) {
    R response;
    try {
      response = call.run();
    } catch (IOException | SlackApiException e) {
      throw SlackCallFailedException.unreachable(method, e);
    }
    if (!response.isOk()) {
      throw SlackCallFailedException.refused(method, response.getError());
    }
    return response;
  }

  @Override
  public void close() {
    try {
      slack.close();
    } catch (Exception e) {
      // Only releases HTTP connections; nothing to recover.
    }
  }
}
