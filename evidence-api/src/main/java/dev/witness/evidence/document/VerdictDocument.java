package dev.witness.evidence.document;

import dev.witness.schemas.event.Verdict;
import java.util.List;

/** The {@code verdict} section: the policy decision on a request. */
public record VerdictDocument(String decision, List<String> rules, String reason, String maskPlan, String approvalId) {

  static VerdictDocument of(Verdict v) {
    return new VerdictDocument(v.getDecision().name(), List.copyOf(v.getRules()), v.getReason(), v.getMaskPlan(),
        v.getApprovalId());
  }
}
