package dev.witness.streams.approval;

/**
 * What one input did to an approval.
 *
 * @param before the state before
 * @param after the state after (the same object when nothing changed)
 * @param refusal why the vote did not count, or null
 */
public record Transition(ApprovalState before, ApprovalState after, Refusal refusal) {

  /** Whether the approval reached its final state with this input. */
  public boolean becameFinal() {
    return !before.status().isFinal() && after.status().isFinal();
  }

  /** Whether the state changed and must be stored. */
  public boolean changed() {
    return before != after;
  }
}
