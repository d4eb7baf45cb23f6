package dev.witness.connectors.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modal a rejecting approver fills in: it asks for a reason and carries the approval id and
 * the approval message's place in {@code private_metadata}, which Slack hands back on submission.
 */
public final class RejectModal {

  /** What the modal remembers between opening and submission. */
  public record Context(String approvalId, String channel, String messageTs) {}

  /** Longest reason accepted; Slack's input allows 3000. */
  static final int MAX_REASON = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RejectModal() {}

  /** The modal for {@code views.open}. */
  public static View build(Context context) {
    String metadata;
    try {
      metadata = JSON.writeValueAsString(context);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode modal metadata", e);
    }
    return view(v -> v.type("modal").callbackId(ApprovalActions.REJECT_MODAL).privateMetadata(metadata)
        .title(viewTitle(t -> t.type("plain_text").text("Reject request")))
        .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
        .close(viewClose(c -> c.type("plain_text").text("Cancel")))
        .blocks(List.of(
            section(s -> s.text(markdownText("Rejecting approval `" + Mrkdwn.escape(context.approvalId())
                + "`. The agent's request is not forwarded; your reason is recorded as evidence."))),
            input(i -> i.blockId(ApprovalActions.REASON_BLOCK).label(plainText("Reason"))
                .element(plainTextInput(p -> p.actionId(ApprovalActions.REASON_ACTION).multiline(true)
                    .minLength(1).maxLength(MAX_REASON)))))));
  }

  /** The context a submitted modal carries, if it is one of ours and intact. */
  public static Optional<Context> context(String privateMetadata) {
    if (privateMetadata == null || privateMetadata.isBlank()) {
      return Optional.empty();
    }
    try {
      Context c = JSON.readValue(privateMetadata, Context.class);
      return c.approvalId() == null || c.approvalId().isBlank() ? Optional.empty() : Optional.of(c);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The reason typed into a submitted modal, stripped; empty if none. */
  public static Optional<String> reason(ViewState state) {
    if (state == null || state.getValues() == null) {
      return Optional.empty();
    }
    Map<String, ViewState.Value> block = state.getValues().get(ApprovalActions.REASON_BLOCK);
    ViewState.Value value = block == null ? null : block.get(ApprovalActions.REASON_ACTION);
    if (value == null || value.getValue() == null || value.getValue().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.getValue().strip());
  }
}
