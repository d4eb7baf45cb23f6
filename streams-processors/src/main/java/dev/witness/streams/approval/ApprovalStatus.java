package dev.witness.streams.approval;

/** Where an approval stands; every state but {@code PENDING} is final. */
public enum ApprovalStatus {
  PENDING, APPROVED, REJECTED, EXPIRED, CANCELLED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
