package dev.witness.streams.masking.detect;

/**
 * The least of each {@link TextFacts} count a text must have for a detector to find anything in
 * it: a gate as data rather than code, so a plan can test every detector's gates at once (a table
 * lookup per fact) instead of asking each detector in turn.
 */
public record FactsGate(int length, int digits, int uppers, int lowers, int ats, int dots, int colons, int dashes,
    int underscores, int digitRun) {

  /** Admits every text. */
  public static final FactsGate ANY = new FactsGate(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** How many facts a gate constrains, in the order of {@link #minimum(int)} and {@link #value(TextFacts, int)}. */
  public static final int FACTS = 10;

  /** The minimum of fact {@code i}. */
  public int minimum(int i) {
    return switch (i) {
      case 0 -> length;
      case 1 -> digits;
      case 2 -> uppers;
      case 3 -> lowers;
      case 4 -> ats;
      case 5 -> dots;
      case 6 -> colons;
      case 7 -> dashes;
      case 8 -> underscores;
      default -> digitRun;
    };
  }

  /** Fact {@code i} of {@code facts}. */
  public static int value(TextFacts facts, int i) {
    return switch (i) {
      case 0 -> facts.length;
      case 1 -> facts.digits;
      case 2 -> facts.uppers;
      case 3 -> facts.lowers;
      case 4 -> facts.at ? 1 : 0;
      case 5 -> facts.dots;
      case 6 -> facts.colons;
      case 7 -> facts.dashes;
      case 8 -> facts.underscores;
      default -> facts.digitRun;
    };
  }

  public boolean admits(TextFacts f) {
    return f.length >= length && f.digits >= digits && f.uppers >= uppers && f.lowers >= lowers
        && (f.at ? 1 : 0) >= ats && f.dots >= dots && f.colons >= colons && f.dashes >= dashes
        && f.underscores >= underscores && f.digitRun >= digitRun;
  }

  public FactsGate withLength(int n) {
    return new FactsGate(n, digits, uppers, lowers, ats, dots, colons, dashes, underscores, digitRun);
  }

  public FactsGate withDigits(int n) {
    return new FactsGate(length, n, uppers, lowers, ats, dots, colons, dashes, underscores, digitRun);
  }

  public FactsGate withUppers(int n) {
    return new FactsGate(length, digits, n, lowers, ats, dots, colons, dashes, underscores, digitRun);
  }

  public FactsGate withLowers(int n) {
    return new FactsGate(length, digits, uppers, n, ats, dots, colons, dashes, underscores, digitRun);
  }

  public FactsGate withAt() {
    return new FactsGate(length, digits, uppers, lowers, 1, dots, colons, dashes, underscores, digitRun);
  }

  public FactsGate withDots(int n) {
    return new FactsGate(length, digits, uppers, lowers, ats, n, colons, dashes, underscores, digitRun);
  }

  public FactsGate withColons(int n) {
    return new FactsGate(length, digits, uppers, lowers, ats, dots, n, dashes, underscores, digitRun);
  }

  public FactsGate withDashes(int n) {
    return new FactsGate(length, digits, uppers, lowers, ats, dots, colons, n, underscores, digitRun);
  }

  public FactsGate withUnderscores(int n) {
    return new FactsGate(length, digits, uppers, lowers, ats, dots, colons, dashes, n, digitRun);
  }

  public FactsGate withDigitRun(int n) {
    return new FactsGate(length, digits, uppers, lowers, ats, dots, colons, dashes, underscores, n);
  }
}
