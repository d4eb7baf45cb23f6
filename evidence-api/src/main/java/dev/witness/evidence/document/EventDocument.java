package dev.witness.evidence.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;

/**
 * The JSON document of one ledgered event as the evidence API serves it: the common header,
 * the ledger position, and exactly one type-specific section. Absent values are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventDocument(
    String eventId,
    String sessionId,
    String type,
    long sequence,
    String timestamp,
    AgentDocument agent,
    String purpose,
    String resource,
    String protocol,
    String policyVersion,
    String requestId,
    LedgerPosition ledger,
    RequestDocument request,
    VerdictDocument verdict,
    ResponseDocument response,
    ApprovalDocument approval) {

  /** Maps a ledger entry; pure, so the same entry always gives the same document. */
  public static EventDocument of(LedgerEntry entry) {
    Object event = entry.getEvent();
    EventType type = EventType.of(event);
    Sections s = switch (event) {
      case RequestIntercepted r -> new Sections(r.getHeader(), r.getRequestId(), RequestDocument.of(r), null, null, null);
      case Verdict v -> new Sections(v.getHeader(), v.getRequestId(), null, VerdictDocument.of(v), null, null);
      case MaskedChunk m -> new Sections(m.getHeader(), m.getRequestId(), null, null, ResponseDocument.of(m), null);
      case ApprovalRequested a -> new Sections(a.getHeader(), a.getRequestId(), null, null, null, ApprovalDocument.of(a));
      case ApprovalDecided a -> new Sections(a.getHeader(), null, null, null, null, ApprovalDocument.of(a));
      case ApprovalExpired a -> new Sections(a.getHeader(), null, null, null, null, ApprovalDocument.of(a));
      default -> throw new IllegalStateException("unreachable: " + type);
    };
    EventHeader h = s.header();
    return new EventDocument(
        h.getEventId(),
        h.getSessionId(),
        type.wireName(),
        h.getSequence(),
        Formats.timestamp(h.getTimestamp()),
        AgentDocument.of(h.getAgent()),
        h.getPurpose(),
        h.getResource(),
        h.getProtocol().name(),
        h.getPolicyVersion(),
        s.requestId(),
        LedgerPosition.of(entry),
        s.request(),
        s.verdict(),
        s.response(),
        s.approval());
  }

  /** The header of an event of any type. */
  public static EventHeader headerOf(Object event) {
    return switch (event) {
      case RequestIntercepted r -> r.getHeader();
      case Verdict v -> v.getHeader();
      case MaskedChunk m -> m.getHeader();
      case ApprovalRequested a -> a.getHeader();
      case ApprovalDecided a -> a.getHeader();
      case ApprovalExpired a -> a.getHeader();
      default -> throw new IllegalArgumentException("Not a ledger event: " + EventType.of(event));
    };
  }

  private record Sections(EventHeader header, String requestId, RequestDocument request, VerdictDocument verdict,
      ResponseDocument response, ApprovalDocument approval) {}
}
