package dev.witness.schemas.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How responses are masked before they reach the agent and the evidence.
 *
 * @param mode {@code best-effort} (content that cannot be parsed is scanned as text) or {@code strict}
 *     (such a chunk is withheld with an error)
 * @param tokenKey key of deterministic tokens and format-preserving encryption (inline; dev only)
 * @param tokenKeyFromEnv environment variable holding that key (production)
 * @param phoneRegion ISO 3166 region that phone numbers without a country code are read in
 * @param detectors content detectors that run; empty means all of {@link #DETECTORS}
 * @param operators operator per detected type, overriding {@link #DEFAULT_OPERATORS}
 * @param rules field rules by SQL column name or JSON path, per resource, agent and purpose
 * @param patterns user-defined detectors (RE2 syntax: linear time, no backreferences or lookaround)
 * @param plans named plans a verdict can choose ({@code maskPlan}); without one the section itself applies
 * @param jsonBufferBytes most bytes of a JSON response cut into several chunks that are held to be
 *     masked whole (default {@link #DEFAULT_JSON_BUFFER_BYTES})
 * @param rawEncryption envelope encryption of raw chunks between the proxies and masking
 */
public record MaskingConfig(
    String mode,
    String tokenKey,
    String tokenKeyFromEnv,
    String phoneRegion,
    List<String> detectors,
    Map<String, String> operators,
    List<MaskingRule> rules,
    List<MaskingPattern> patterns,
    Map<String, MaskingPlanConfig> plans,
    Integer jsonBufferBytes,
    RawEncryptionConfig rawEncryption) {

  /** Names of the built-in detectors; each is also the type of what it finds. */
  public static final List<String> DETECTORS = List.of(
      "email", "phone", "card", "iban", "ssn", "nino", "ip", "aws_key_id", "aws_secret_key",
      "github_token", "gitlab_token", "slack_token", "stripe_key", "jwt", "private_key", "secret", "dob");

  /** Names of the operators. */
  public static final Set<String> OPERATORS = Set.of("redact", "partial", "null", "token", "hash", "fpe");

  /** Operators of types not named in {@code operators}: cards keep their last 4 digits (as receipts do). */
  public static final Map<String, String> DEFAULT_OPERATORS = Map.of("card", "partial");

  /**
   * The key used when neither {@code tokenKey} nor {@code tokenKeyFromEnv} is set. Fine for a demo
   * on one machine; anyone holding the source can recompute tokens and decrypt FPE values with it, so
   * production must set {@code tokenKeyFromEnv}.
   */
  public static final int DEFAULT_JSON_BUFFER_BYTES = 4 * 1024 * 1024;

  /** The largest {@code jsonBufferBytes}: the held bytes are a state store record, under the 8 MiB record limit. */
  public static final int MAX_JSON_BUFFER_BYTES = 6 * 1024 * 1024;

  public static final String DEV_TOKEN_KEY = "witness-dev-token-key-not-for-production";

  public MaskingConfig {
    mode = mode == null ? "best-effort" : mode;
    phoneRegion = phoneRegion == null ? "US" : phoneRegion;
    detectors = detectors == null || detectors.isEmpty() ? DETECTORS : List.copyOf(detectors);
    operators = operators == null ? Map.of() : Map.copyOf(operators);
    rules = rules == null ? List.of() : List.copyOf(rules);
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    jsonBufferBytes = jsonBufferBytes == null ? DEFAULT_JSON_BUFFER_BYTES : jsonBufferBytes;
    rawEncryption = rawEncryption == null ? RawEncryptionConfig.defaults() : rawEncryption;
    if (plans == null) {
      plans = Map.of();
    } else {
      // "pii:" with nothing under it reads as null: an empty plan, like "pii: {}".
      Map<String, MaskingPlanConfig> named = new HashMap<>();
      plans.forEach((name, plan) -> named.put(name, plan == null ? new MaskingPlanConfig(null, null, null, null) : plan));
      plans = Map.copyOf(named);
    }
  }

  /** A section without raw chunk encryption settings. */
  public MaskingConfig(String mode, String tokenKey, String tokenKeyFromEnv, String phoneRegion,
      List<String> detectors, Map<String, String> operators, List<MaskingRule> rules, List<MaskingPattern> patterns,
      Map<String, MaskingPlanConfig> plans, Integer jsonBufferBytes) {
    this(mode, tokenKey, tokenKeyFromEnv, phoneRegion, detectors, operators, rules, patterns, plans, jsonBufferBytes,
        null);
  }

  /** A section without named plans. */
  public MaskingConfig(String mode, String tokenKey, String tokenKeyFromEnv, String phoneRegion,
      List<String> detectors, Map<String, String> operators, List<MaskingRule> rules, List<MaskingPattern> patterns) {
    this(mode, tokenKey, tokenKeyFromEnv, phoneRegion, detectors, operators, rules, patterns, null, null);
  }

  public static MaskingConfig defaults() {
    return new MaskingConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with other raw chunk encryption settings (standalone adds its key ring). */
  public MaskingConfig withRawEncryption(RawEncryptionConfig rawEncryption) {
    return new MaskingConfig(mode, tokenKey, tokenKeyFromEnv, phoneRegion, detectors, operators, rules, patterns, plans,
        jsonBufferBytes, rawEncryption);
  }

  /**
   * The settings of plan {@code name} as a section of their own: the plan's fields over this
   * section's, its rules before this section's, no further plans. Throws on an unknown name.
   */
  public MaskingConfig plan(String name) {
    MaskingPlanConfig p = plans.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown masking plan " + name + "; define masking.plans." + name);
    }
    Map<String, String> ops = new HashMap<>(operators);
    ops.putAll(p.operators());
    List<MaskingRule> all = new ArrayList<>(p.rules());
    all.addAll(rules);
    return new MaskingConfig(p.mode() != null ? p.mode() : mode, tokenKey, tokenKeyFromEnv, phoneRegion,
        p.detectors().isEmpty() ? detectors : p.detectors(), ops, all, patterns, null, jsonBufferBytes, rawEncryption);
  }

  /** Whether unparseable chunks are withheld. */
  public boolean strict() {
    return "strict".equals(mode);
  }

  /** The operator of {@code type} when no rule names one. */
  public String operatorFor(String type) {
    return operators.getOrDefault(type, DEFAULT_OPERATORS.getOrDefault(type, "redact"));
  }

  /**
   * The token key: {@code tokenKeyFromEnv}'s variable in {@code env}, else {@code tokenKey}, else
   * {@link #DEV_TOKEN_KEY}; throws naming the variable when it is configured but unset.
   */
  public String resolveTokenKey(Map<String, String> env) {
    if (tokenKeyFromEnv != null) {
      String value = env.get(tokenKeyFromEnv);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("masking.tokenKeyFromEnv: environment variable " + tokenKeyFromEnv
            + " is not set; export it with a random key of at least 16 characters");
      }
      return value;
    }
    return tokenKey != null ? tokenKey : DEV_TOKEN_KEY;
  }
}
