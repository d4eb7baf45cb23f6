package dev.witness.evidence.document;

import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;

/** The kinds of evidence event, named as the API and the {@code event_type} column spell them. */
public enum EventType {
  REQUEST("request"),
  VERDICT("verdict"),
  RESPONSE("response"),
  APPROVAL_REQUESTED("approval-requested"),
  APPROVAL_DECIDED("approval-decided"),
  APPROVAL_EXPIRED("approval-expired");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in documents, the database and query parameters. */
  public String wireName() {
    return wireName;
  }

  /** The type of a {@code LedgerEntry.event} union branch; throws on anything else. */
  public static EventType of(Object event) {
    return switch (event) {
      case RequestIntercepted r -> REQUEST;
      case Verdict v -> VERDICT;
      case MaskedChunk m -> RESPONSE;
      case ApprovalRequested a -> APPROVAL_REQUESTED;
      case ApprovalDecided a -> APPROVAL_DECIDED;
      case ApprovalExpired a -> APPROVAL_EXPIRED;
      case null -> throw new IllegalArgumentException("Ledger entry has no event");
      default -> throw new IllegalArgumentException("Not a ledger event: " + event.getClass().getName());
    };
  }
}
