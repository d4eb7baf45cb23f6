package dev.witness.streams.masking.plan;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.MaskingPattern;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.Detectors;
import dev.witness.streams.masking.detect.PatternDetector;
import dev.witness.streams.masking.operate.Operator;
import dev.witness.streams.masking.operate.Operators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles {@link MaskingConfig} once (detectors, RE2 patterns, JSON paths, keys) and picks the plan
 * of a response by its resource, agent and purpose, caching one plan per combination.
 */
public final class PlanSelector {

  /**
   * Detection priority: where spans of two types start at the same place and are equally long, the
   * earlier type wins. Checksum-validated and prefixed types are the most specific.
   */
  private static final List<String> PRIORITY = List.of("private_key", "jwt", "aws_key_id", "aws_secret_key",
      "github_token", "gitlab_token", "slack_token", "stripe_key", "card", "iban", "ssn", "nino", "email", "ip",
      "phone", "secret", "dob");
  private static final int MAX_CACHED = 4096;

  private final MaskingConfig config;
  private final List<Detector> detectors;
  private final Map<String, Detector> detectorsByType;
  private final Map<String, Operator> operators;
  private final Operator fallback;
  private final List<CompiledRule> rules;
  private final Map<String, MaskingPlan> cache = new ConcurrentHashMap<>();

  private record CompiledRule(MaskingRule source, List<FieldRule> fields) {}

  /** Compiles {@code config}; {@code tokenKey} keys tokens and FPE (see {@code MaskingConfig.resolveTokenKey}). */
  public PlanSelector(MaskingConfig config, String tokenKey) {
    this.config = config;
    Operators ops = new Operators(tokenKey);
    Map<String, Detector> byType = new HashMap<>();
    for (String name : MaskingConfig.DETECTORS) {
      byType.put(name, Detectors.builtIn(name, config.phoneRegion()));
    }
    for (MaskingPattern p : config.patterns()) {
      byType.put(p.name(), new PatternDetector(p.name(), p.pattern()));
    }
    this.detectorsByType = Map.copyOf(byType);
    List<Detector> enabled = new ArrayList<>();
    for (String name : PRIORITY) {
      if (config.detectors().contains(name)) {
        enabled.add(byType.get(name));
      }
    }
    for (MaskingPattern p : config.patterns()) {
      enabled.add(byType.get(p.name()));
    }
    this.detectors = List.copyOf(enabled);
    Map<String, Operator> opByType = new HashMap<>();
    for (String type : byType.keySet()) {
      opByType.put(type, ops.byName(config.operatorFor(type)));
    }
    this.operators = Map.copyOf(opByType);
    this.fallback = ops.byName("redact");
    List<CompiledRule> compiled = new ArrayList<>();
    for (MaskingRule rule : config.rules()) {
      Detector d = rule.detector() == null ? null : byType.get(rule.detector());
      Operator op = ops.byName(rule.operator());
      compiled.add(new CompiledRule(rule,
          rule.fields().stream().map(f -> new FieldRule(FieldPattern.parse(f), d, op)).toList()));
    }
    this.rules = List.copyOf(compiled);
  }

  /** The plan of a response of {@code resource} to {@code agent} for {@code purpose} (any may be null). */
  public MaskingPlan select(String resource, String agent, String purpose) {
    String key = resource + '\u0000' + agent + '\u0000' + purpose;
    MaskingPlan plan = cache.get(key);
    if (plan != null) {
      return plan;
    }
    List<FieldRule> applicable = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (rule.source().match().matches(resource, agent, purpose)) {
        applicable.addAll(rule.fields());
      }
    }
    plan = new MaskingPlan(detectors, operators, fallback, applicable, config.strict());
    // Agents, resources and purposes are few; the bound only guards against a flood of purposes.
    if (cache.size() < MAX_CACHED) {
      cache.put(key, plan);
    }
    return plan;
  }

  /** The detector of {@code type}, built in or user-defined, or null. */
  public Detector detector(String type) {
    return detectorsByType.get(type);
  }
}
