package dev.witness.evidence.approval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an approval stands, as the ledger shows it; everything but {@link #PENDING} is final. */
public enum ApprovalState {
  PENDING,
  APPROVED,
  REJECTED,
  EXPIRED,
  CANCELLED;

  /** The lower-case name used in query parameters, documents and SQL. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether no more decisions count. */
  public boolean isFinal() {
    return this != PENDING;
  }

  /** The state named {@code wireName}, if any. */
  public static Optional<ApprovalState> ofWireName(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
  }
}
