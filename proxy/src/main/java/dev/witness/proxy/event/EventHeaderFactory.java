package dev.witness.proxy.event;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.ids.UuidV7;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/** Builds the common envelope of proxy events from an exchange; clock and ids are injected. */
public final class EventHeaderFactory {

  /** Issuer of gateway-issued agent tokens. */
  public static final String WITNESS_ISSUER = "witness";

  private final Clock clock;
  private final Supplier<String> ids;

  public EventHeaderFactory(Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** UUIDv7 ids on the given clock. */
  public static EventHeaderFactory withClock(Clock clock) {
    UuidV7 uuids = new UuidV7(clock);
    return new EventHeaderFactory(clock, uuids::nextString);
  }

  /** A new id from the same generator as event ids (request ids, session ids). */
  public String newId() {
    return ids.get();
  }

  public EventHeader header(ExchangeContext exchange, long sequence, Protocol protocol) {
    return EventHeader.newBuilder()
        .setEventId(ids.get())
        .setSessionId(exchange.sessionId())
        .setSequence(sequence)
        // The schema stores micros; truncate here so an event equals itself after a round trip.
        .setTimestamp(clock.instant().truncatedTo(ChronoUnit.MICROS))
        .setAgent(AgentIdentity.newBuilder()
            .setId(exchange.agent().id())
            .setIssuer(WITNESS_ISSUER)
            .setDelegatingHuman(exchange.agent().delegatingHuman())
            .build())
        .setPurpose(exchange.purpose())
        .setResource(exchange.resource())
        .setProtocol(protocol)
        .setPolicyVersion(null)
        .build();
  }
}
