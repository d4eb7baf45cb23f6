package dev.witness.evidence.api;

import dev.witness.evidence.document.AgentDocument;
import dev.witness.evidence.document.Formats;
import dev.witness.evidence.store.SessionRow;

/** The API document of a session with its counters. */
public record SessionDocument(String sessionId, AgentDocument agent, String purpose, String resource,
    String protocol, String startedAt, String lastEventAt, long eventCount, long requestCount, long deniedCount,
    long authFailures, long allowedCount, long approvalCount, String risk) {

  static SessionDocument of(SessionRow r) {
    return new SessionDocument(r.sessionId(), new AgentDocument(r.agentId(), r.issuer(), r.delegatingHuman()),
        r.purpose(), r.resource(), r.protocol(), Formats.timestamp(r.startedAt()), Formats.timestamp(r.lastEventAt()),
        r.eventCount(), r.requestCount(), r.deniedCount(), r.authFailures(), r.allowedCount(), r.approvalCount(),
        r.risk());
  }
}
