package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ApprovalActionsTest {

  @Property
  void everyActionIdCarriesItsApprovalId(@ForAll @StringLength(min = 1, max = 200) String approvalId) {
    assertThat(ApprovalActions.approvalId(ApprovalActions.approve(approvalId))).contains(approvalId);
    assertThat(ApprovalActions.approvalId(ApprovalActions.reject(approvalId))).contains(approvalId);
    assertThat(ApprovalActions.APPROVE.matcher(ApprovalActions.approve(approvalId)).matches()).isTrue();
    assertThat(ApprovalActions.REJECT.matcher(ApprovalActions.approve(approvalId)).matches()).isFalse();
  }

  @Test
  void foreignActionIdsCarryNoApproval() {
    assertThat(ApprovalActions.approvalId("witness_approve:")).isEmpty();
    assertThat(ApprovalActions.approvalId("some_other_app_button")).isEmpty();
    assertThat(ApprovalActions.approvalId(null)).isEmpty();
  }

  @Test
  void anApprovalIdTooLongForSlackIsRefused() {
    assertThatThrownBy(() -> ApprovalActions.approve("x".repeat(250))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255");
  }
}
