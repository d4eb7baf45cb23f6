package dev.witness.evidence.verify;

import dev.witness.evidence.verify.Check.Kind;
import dev.witness.evidence.verify.Check.Status;
import java.util.List;

/**
 * The result of verifying a bundle: every check, passed ones summarised per kind, failed ones
 * one by one (up to a limit per kind, the rest counted in a last finding).
 *
 * @param events entries read from the bundle
 */
public record BundleVerification(List<Check> checks, long events) {

  public BundleVerification {
    checks = List.copyOf(checks);
  }

  /** Whether nothing failed. */
  public boolean valid() {
    return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
  }

  /** The failed checks. */
  public List<Check> failures() {
    return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
  }

  /** The failed checks of one kind. */
  public List<Check> failures(Kind kind) {
    return failures().stream().filter(c -> c.kind() == kind).toList();
  }

  /** A report, one line per check, for people. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    checks.forEach(c -> sb.append(c).append('\n'));
    sb.append(valid() ? "VERIFIED" : "FAILED").append(": ").append(events).append(" events, ")
        .append(failures().size()).append(" failures\n");
    return sb.toString();
  }
}
