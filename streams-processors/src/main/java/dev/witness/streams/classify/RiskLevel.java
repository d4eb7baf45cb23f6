package dev.witness.streams.classify;

/** How much harm a request can do if it is wrong; ordered from least to most. */
public enum RiskLevel {
  LOW, MEDIUM, HIGH;

  /** The higher of the two. */
  public RiskLevel max(RiskLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
