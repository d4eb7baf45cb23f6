package dev.witness.schemas.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Generates time-ordered UUIDv7 identifiers (RFC 9562) for events and sessions. */
public final class UuidV7 {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  public UuidV7(Clock clock) {
    this.clock = clock;
  }

  /** A generator on the system UTC clock. */
  public static UuidV7 systemUtc() {
    return new UuidV7(Clock.systemUTC());
  }

  /** Returns a new UUIDv7 whose first 48 bits are the clock's epoch milliseconds. */
  public UUID next() {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** Returns {@link #next()} as its canonical string. */
  public String nextString() {
    return next().toString();
  }
}
