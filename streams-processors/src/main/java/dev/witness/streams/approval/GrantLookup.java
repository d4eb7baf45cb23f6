package dev.witness.streams.approval;

import java.util.List;
import java.util.Optional;

/** Finds a grant that still holds, for the exact request or for the rules that hold it. */
public interface GrantLookup {

  /** A grant of this agent for the exact request, valid at {@code nowMicros}. */
  Optional<Grant> forRequest(String agentId, String requestHash, long nowMicros);

  /** A time-boxed grant of this agent on {@code resource} for the rules {@code rules}, valid at {@code nowMicros}. */
  Optional<Grant> forRules(String agentId, String resource, List<String> rules, long nowMicros);

  /** No grants at all. */
  static GrantLookup none() {
    return new GrantLookup() {
      @Override
      public Optional<Grant> forRequest(String agentId, String requestHash, long nowMicros) {
        return Optional.empty();
      }

      @Override
      public Optional<Grant> forRules(String agentId, String resource, List<String> rules, long nowMicros) {
        return Optional.empty();
      }
    };
  }
}
