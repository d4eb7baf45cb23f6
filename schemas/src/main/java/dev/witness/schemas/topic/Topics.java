package dev.witness.schemas.topic;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Every topic Witness uses, declared once (ARCHITECTURE.md, "Topics"). */
public final class Topics {

  /** Every request, before forwarding; keyed by session id. */
  public static final Topic<RequestIntercepted> REQUESTS =
      new Topic<>("witness.requests", RequestIntercepted.class);

  /** Raw response chunks; short retention, never evidence; keyed by session id. */
  public static final Topic<ResponseChunk> RESPONSES_RAW =
      new Topic<>("witness.responses.raw", ResponseChunk.class);

  /** {@code Verdict} and {@code MaskedChunk} records routed to the waiting proxy's partition. */
  public static final Topic<SpecificRecord> REPLIES =
      new Topic<>("witness.replies", SpecificRecord.class);

  /** Approval state changes ({@code ApprovalRequested/Decided/Expired}); keyed by approval id. */
  public static final Topic<SpecificRecord> APPROVALS =
      new Topic<>("witness.approvals", SpecificRecord.class);

  /** Approver votes from Slack, CLI and REST; keyed by approval id. */
  public static final Topic<ApprovalDecision> APPROVAL_DECISIONS =
      new Topic<>("witness.approval-decisions", ApprovalDecision.class);

  /** Hash-chained evidence; keyed by session id. */
  public static final Topic<LedgerEntry> LEDGER = new Topic<>("witness.ledger", LedgerEntry.class);

  /** Signed Merkle roots over the ledger. */
  public static final Topic<Checkpoint> CHECKPOINTS =
      new Topic<>("witness.checkpoints", Checkpoint.class);

  /** Name of the OCSF JSON feed for SIEMs (values are JSON strings, not Avro). */
  public static final String SIEM_OCSF = "witness.siem.ocsf";

  /**
   * The largest record Witness writes (a request with a body of up to
   * {@code proxy.http.maxRequestBodyBytes}, wrapped again as a ledger entry); topics, producers and
   * the embedded broker all allow it.
   */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  /** Name of the embedded registry's log (single-node mode only). */
  public static final String SCHEMAS = "_schemas";

  /** The Avro topics, in the order they are created. */
  public static final List<Topic<?>> ALL_AVRO =
      List.of(REQUESTS, RESPONSES_RAW, REPLIES, APPROVALS, APPROVAL_DECISIONS, LEDGER, CHECKPOINTS);

  private Topics() {}
}
