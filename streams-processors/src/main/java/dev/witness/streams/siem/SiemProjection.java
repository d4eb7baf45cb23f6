package dev.witness.streams.siem;

import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.Verdict;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Picks the OCSF class of a Witness event and maps it with that class's mapper. */
public final class SiemProjection {

  private SiemProjection() {}

  /**
   * A decided request: SQL to Datastore Activity, HTTP/OpenAI/MCP to HTTP Activity, Kubernetes to
   * API Activity; empty for a body of an unknown type.
   */
  public static Optional<OcsfEvent> ofDecision(RequestIntercepted request, Verdict verdict, Instant processed) {
    return ofActivity(request, Outcome.of(verdict), processed);
  }

  /**
   * The target's answer to an allowed request, from the masked chunk that settles it (see
   * {@link ResponseOutcome}): the same activity class, with the response status.
   */
  public static Optional<OcsfEvent> ofResponse(RequestIntercepted request, MaskedChunk chunk, Instant processed) {
    return ofActivity(request, ResponseOutcome.outcome(chunk), processed).map(e -> ResponseOutcome.annotate(e, chunk));
  }

  private static Optional<OcsfEvent> ofActivity(RequestIntercepted request, Outcome outcome, Instant processed) {
    return Optional.ofNullable(switch (request.getBody()) {
      case SqlRequest sql -> DatastoreActivityMapper.map(request, sql, outcome, processed);
      case HttpRequest http -> HttpActivityMapper.map(request, http, outcome, processed);
      case McpRequest mcp -> HttpActivityMapper.map(request, mcp, outcome, processed);
      case KubernetesRequest k8s -> ApiActivityMapper.map(request, k8s, outcome, processed);
      case null, default -> null;
    });
  }

  /** The agent's logon on this request: every failed authentication, and the first request of a session. */
  public static Optional<OcsfEvent> ofLogon(RequestIntercepted request, Instant processed) {
    boolean failed = request.getAuthentication().getOutcome() == dev.witness.schemas.event.AuthenticationOutcome.FAILED;
    if (failed || request.getHeader().getSequence() == 0) {
      return Optional.of(AuthenticationMapper.map(request, processed));
    }
    return Optional.empty();
  }

  /** An approval state change as Entity Management; empty for other records. */
  public static Optional<OcsfEvent> ofApproval(SpecificRecord event, Instant processed) {
    return Optional.ofNullable(switch (event) {
      case ApprovalRequested requested -> EntityManagementMapper.requested(requested, processed);
      case ApprovalDecided decided -> EntityManagementMapper.decided(decided, processed);
      case ApprovalExpired expired -> EntityManagementMapper.expired(expired, processed);
      case null, default -> null;
    });
  }
}
