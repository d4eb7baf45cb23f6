package dev.witness.streams.masking.plan;

import dev.witness.schemas.config.MaskingConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The compiled plans of a {@code masking} section: the section itself (for responses whose verdict
 * names no plan) and each of {@code masking.plans} by name (for responses whose verdict names one).
 */
public final class PlanBook {

  private final PlanSelector unnamed;
  private final Map<String, PlanSelector> named;

  public PlanBook(PlanSelector unnamed, Map<String, PlanSelector> named) {
    this.unnamed = unnamed;
    this.named = Map.copyOf(named);
  }

  /** Compiles {@code config} and each of its plans once; {@code tokenKey} keys tokens and FPE of all. */
  public static PlanBook of(MaskingConfig config, String tokenKey) {
    Map<String, PlanSelector> named = new HashMap<>();
    for (String name : config.plans().keySet()) {
      named.put(name, new PlanSelector(config.plan(name), tokenKey));
    }
    return new PlanBook(new PlanSelector(config, tokenKey), named);
  }

  /**
   * The selector of plan {@code name}, the section's when {@code name} is null, or null when no plan
   * has that name (the verdict was decided by a policy this process does not know: fail closed).
   */
  public PlanSelector selector(String name) {
    return name == null ? unnamed : named.get(name);
  }
}
