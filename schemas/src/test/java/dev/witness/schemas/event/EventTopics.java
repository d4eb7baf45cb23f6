package dev.witness.schemas.event;

import dev.witness.schemas.topic.Topic;
import dev.witness.schemas.topic.Topics;
import org.apache.avro.specific.SpecificRecord;

/** The topic each event type is published on (ARCHITECTURE.md, "Topics"); for tests. */
public final class EventTopics {

  private EventTopics() {}

  public static Topic<?> of(SpecificRecord event) {
    return switch (event) {
      case RequestIntercepted r -> Topics.REQUESTS;
      case ResponseChunk r -> Topics.RESPONSES_RAW;
      case Verdict r -> Topics.REPLIES;
      case MaskedChunk r -> Topics.REPLIES;
      case ApprovalRequested r -> Topics.APPROVALS;
      case ApprovalDecided r -> Topics.APPROVALS;
      case ApprovalExpired r -> Topics.APPROVALS;
      case ApprovalDecision r -> Topics.APPROVAL_DECISIONS;
      case LedgerEntry r -> Topics.LEDGER;
      case Checkpoint r -> Topics.CHECKPOINTS;
      default -> throw new IllegalArgumentException("not a top-level event: " + event.getSchema().getFullName());
    };
  }
}
