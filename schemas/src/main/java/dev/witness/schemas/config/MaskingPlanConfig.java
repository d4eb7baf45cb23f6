package dev.witness.schemas.config;

import java.util.List;
import java.util.Map;

/**
 * A named masking plan ({@code masking.plans.<name>}), applied to the responses of requests whose
 * verdict names it (policy rules with {@code maskPlan}). Each absent field keeps the value of the
 * {@code masking} section; its rules come before the section's rules, so a plan can mask more or
 * differently but never drops a field rule the section always applies.
 *
 * @param mode {@code best-effort} or {@code strict}; absent = {@code masking.mode}
 * @param detectors content detectors that run; absent or empty = {@code masking.detectors}
 * @param operators operator per detected type, over {@code masking.operators}
 * @param rules field rules of this plan, checked before {@code masking.rules}
 */
public record MaskingPlanConfig(String mode, List<String> detectors, Map<String, String> operators,
    List<MaskingRule> rules) {

  public MaskingPlanConfig {
    detectors = detectors == null ? List.of() : List.copyOf(detectors);
    operators = operators == null ? Map.of() : Map.copyOf(operators);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
