package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.streams.event.EventHeaders;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Which events are evidence (the types the {@code LedgerEntry.event} union admits), their session and id. */
public final class LedgerEvents {

  private static final Set<String> EVIDENCE_TYPES = LedgerEntry.getClassSchema().getField("event").schema()
      .getTypes().stream().map(Schema::getFullName).collect(Collectors.toUnmodifiableSet());

  private LedgerEvents() {}

  /** Whether {@code event} can be chained in the ledger. */
  public static boolean isEvidence(SpecificRecord event) {
    return event != null && EVIDENCE_TYPES.contains(event.getSchema().getFullName());
  }

  /** The session {@code event} belongs to, read from its header. */
  public static Optional<String> sessionId(SpecificRecord event) {
    return EventHeaders.of(event).map(header -> header.getSessionId());
  }

  /** The id of {@code event}, read from its header. */
  public static Optional<String> eventId(SpecificRecord event) {
    return EventHeaders.of(event).map(header -> header.getEventId());
  }
}
