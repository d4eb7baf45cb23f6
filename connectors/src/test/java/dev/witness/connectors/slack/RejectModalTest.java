package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectModalTest {

  @Test
  void theModalCarriesItsApprovalThroughPrivateMetadata() {
    RejectModal.Context context = new RejectModal.Context("appr-9", "C0APPROVERS", "1700000000.000100");

    View modal = RejectModal.build(context);

    assertThat(modal.getCallbackId()).isEqualTo(ApprovalActions.REJECT_MODAL);
    assertThat(modal.getType()).isEqualTo("modal");
    assertThat(modal.getBlocks()).anyMatch(b -> b instanceof InputBlock i && i.getBlockId().equals(ApprovalActions.REASON_BLOCK));
    assertThat(RejectModal.context(modal.getPrivateMetadata())).contains(context);
  }

  @Test
  void foreignOrDamagedMetadataIsNoContext() {
    assertThat(RejectModal.context(null)).isEmpty();
    assertThat(RejectModal.context("")).isEmpty();
    assertThat(RejectModal.context("not json")).isEmpty();
    assertThat(RejectModal.context("{\"channel\":\"C1\"}")).isEmpty();
  }

  @Test
  void theReasonIsReadFromTheSubmittedStateAndBlankIsNone() {
    ViewState.Value typed = new ViewState.Value();
    typed.setType("plain_text_input");
    typed.setValue("  too many rows  ");
    ViewState state = new ViewState();
    state.setValues(Map.of(ApprovalActions.REASON_BLOCK, Map.of(ApprovalActions.REASON_ACTION, typed)));
    assertThat(RejectModal.reason(state)).contains("too many rows");

    typed.setValue("   ");
    assertThat(RejectModal.reason(state)).isEmpty();
    assertThat(RejectModal.reason(new ViewState())).isEmpty();
  }
}
