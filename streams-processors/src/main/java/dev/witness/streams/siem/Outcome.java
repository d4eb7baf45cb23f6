package dev.witness.streams.siem;

import dev.witness.schemas.event.Verdict;
import java.util.List;

/**
 * What an OCSF activity event reports about a request: the id of the Witness event it stands for
 * (its {@code metadata.uid}), how the request was handled, why, and a short label for the message.
 *
 * @param uid the Witness event id the OCSF event is made from
 * @param disposition action, disposition, status and severity
 * @param detail {@code status_detail}, or null
 * @param rules the policy rules that decided
 * @param label e.g. {@code DENY} or {@code response 404}
 */
public record Outcome(String uid, Disposition disposition, String detail, List<String> rules, String label) {

  public Outcome {
    rules = List.copyOf(rules);
  }

  /** The policy decision of {@code verdict}. */
  public static Outcome of(Verdict verdict) {
    return new Outcome(verdict.getHeader().getEventId(), Disposition.of(verdict.getDecision()), verdict.getReason(),
        verdict.getRules(), verdict.getDecision().name());
  }
}
