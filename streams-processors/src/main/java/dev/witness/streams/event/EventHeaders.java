package dev.witness.streams.event;

import dev.witness.schemas.event.EventHeader;
import java.time.Clock;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Reads and derives the {@link EventHeader} every Witness event carries. */
public final class EventHeaders {

  private EventHeaders() {}

  /**
   * The header of the {@code kind} event this topology emits in answer to {@code source}: same
   * session, sequence, agent, purpose, resource, protocol and policy version; the event id derived
   * from the source's (see {@link DerivedEventId}) and the current time.
   */
  public static EventHeader derive(EventHeader source, DerivedEventId.Kind kind, Clock clock) {
    return EventHeader.newBuilder(source)
        .setEventId(DerivedEventId.of(kind, source))
        .setTimestamp(clock.instant())
        .build();
  }

  /** The header of {@code event}, found by field name so new event types need no change here. */
  public static Optional<EventHeader> of(SpecificRecord event) {
    Schema.Field field = event.getSchema().getField("header");
    if (field == null) {
      return Optional.empty();
    }
    return event.get(field.pos()) instanceof EventHeader header ? Optional.of(header) : Optional.empty();
  }
}
