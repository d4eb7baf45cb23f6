package dev.witness.proxy;

import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the masking plan a verdict named onto the response chunks of its request, so the masking
 * topology applies that plan: the proxy relays the name, it decides nothing. Holds only requests
 * allowed with a plan, from verdict to last chunk.
 */
final class MaskPlanRelay {

  /**
   * In-flight requests with a plan are bounded by open connections; the bound only drops requests
   * whose response never ended (connection lost), least recently used first.
   */
  static final int MAX_REQUESTS = 65_536;

  private final Map<String, String> plans = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_REQUESTS;
    }
  };

  /** Remembers {@code verdict}'s plan when it allows the request with one; returns the verdict. */
  Verdict remember(Verdict verdict) {
    if (verdict.getDecision() == Decision.ALLOW && verdict.getMaskPlan() != null) {
      synchronized (plans) {
        plans.put(verdict.getRequestId(), verdict.getMaskPlan());
      }
    }
    return verdict;
  }

  /** Sets the plan of {@code chunk}'s request on it (unless set already); the last chunk ends the request. */
  ResponseChunk stamp(ResponseChunk chunk) {
    String plan;
    synchronized (plans) {
      plan = chunk.getLast() ? plans.remove(chunk.getRequestId()) : plans.get(chunk.getRequestId());
    }
    if (plan != null && chunk.getMaskPlan() == null) {
      chunk.setMaskPlan(plan);
    }
    return chunk;
  }

  /** Forgets the plan of a request whose response ended without masking (e.g. the upstream failed). */
  void forget(String requestId) {
    synchronized (plans) {
      plans.remove(requestId);
    }
  }
}
