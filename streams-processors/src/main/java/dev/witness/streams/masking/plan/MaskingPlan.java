package dev.witness.streams.masking.plan;

import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.Span;
import dev.witness.streams.masking.detect.TextFacts;
import dev.witness.streams.masking.operate.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What masking one response gets: the content detectors (in priority order), the operator per
 * type, the field rules that apply to its resource, agent and purpose, and the mode. Immutable and
 * shared by every thread.
 */
public final class MaskingPlan {

  private static final int MAX_CLAIMANTS = 4096;
  private static final Detector NO_CLAIMANT = new Detector() {
    @Override
    public String type() {
      return "none";
    }

    @Override
    public void find(String text, String field, List<Span> out) {}
  };

  private static final Comparator<Span> BY_START_LONGEST_FIRST =
      Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::length).reversed());

  private final List<Detector> detectors;
  /** The content detectors for free text (no field), and by field name those whose field test passes. */
  private final FieldDetectors textDetectors;
  private final Map<String, FieldDetectors> fieldDetectors = new ConcurrentHashMap<>();
  private final Map<String, Operator> operators;
  private final Operator fallbackOperator;
  private final List<FieldRule> rules;
  private final boolean strict;
  /** Claimant by field name (or {@link #NO_CLAIMANT}): asked once per value, answered once per field. */
  private final Map<String, Detector> claimants = new ConcurrentHashMap<>();

  public MaskingPlan(List<Detector> detectors, Map<String, Operator> operators, Operator fallbackOperator,
      List<FieldRule> rules, boolean strict) {
    this.detectors = List.copyOf(detectors);
    this.textDetectors = applicable(null);
    this.operators = Map.copyOf(operators);
    this.fallbackOperator = fallbackOperator;
    this.rules = List.copyOf(rules);
    this.strict = strict;
  }

  public boolean strict() {
    return strict;
  }

  public boolean hasRules() {
    return !rules.isEmpty();
  }

  /** The operator of values of {@code type} found by content detection. */
  public Operator operatorFor(String type) {
    return operators.getOrDefault(type, fallbackOperator);
  }

  /** The first rule naming SQL column {@code column}, or null. */
  public FieldRule ruleForColumn(String column) {
    for (FieldRule rule : rules) {
      if (rule.field().matchesColumn(column)) {
        return rule;
      }
    }
    return null;
  }

  /** The first rule naming the JSON value at {@code position}, or null. */
  public FieldRule ruleForJson(JsonPosition position) {
    for (FieldRule rule : rules) {
      if (rule.field().matchesJson(position)) {
        return rule;
      }
    }
    return null;
  }

  /** The detector that masks every value of {@code field} whatever it holds (date of birth), or null. */
  public Detector claimantOf(String field) {
    if (field == null) {
      return null;
    }
    Detector known = claimants.get(field);
    if (known == null) {
      known = NO_CLAIMANT;
      for (Detector d : detectors) {
        if (d.claimsField(field)) {
          known = d;
          break;
        }
      }
      // Field names are few; past the bound a flood of distinct JSON keys is judged without caching.
      if (claimants.size() < MAX_CLAIMANTS) {
        claimants.put(field, known);
      }
    }
    return known == NO_CLAIMANT ? null : known;
  }

  /**
   * The sensitive spans of {@code text}, ordered and without overlaps: where two overlap, the one
   * starting first wins, then the longer, then the detector earlier in priority order.
   */
  public List<Span> scan(String text, String field) {
    return text.isEmpty() ? List.of() : scan(text, field, TextFacts.of(text));
  }

  /** Like {@link #scan(String, String)} with the text's facts already gathered (e.g. from its bytes). */
  public List<Span> scan(String text, String field, TextFacts facts) {
    return text.isEmpty() ? List.of() : scan(text, field, facts, detectorsFor(field));
  }

  /**
   * Like {@link #scan(String, String, TextFacts)} with the field's detectors already looked up
   * ({@link #detectorsFor}): a result set looks them up once per column, not once per value.
   */
  public List<Span> scan(String text, String field, TextFacts facts, FieldDetectors detectors) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<Span> found = detectors.find(text, field, facts);
    return found == null ? List.of() : resolve(found);
  }

  /** Whether any content detector could find something in a value of {@code field} with {@code facts}. */
  public boolean mayFind(TextFacts facts, String field) {
    return detectorsFor(field).mayFind(facts);
  }

  /**
   * The content detectors, in priority order, that can find something in values of {@code field}
   * (null: free text): decided once per field, as a result set or a JSON schema has few.
   */
  public FieldDetectors detectorsFor(String field) {
    if (field == null) {
      return textDetectors;
    }
    FieldDetectors known = fieldDetectors.get(field);
    if (known == null) {
      known = applicable(field);
      if (fieldDetectors.size() < MAX_CLAIMANTS) {
        fieldDetectors.put(field, known);
      }
    }
    return known;
  }

  private FieldDetectors applicable(String field) {
    return new FieldDetectors(detectors.stream().filter(d -> d.mayMatchField(field)).toList());
  }

  /** Spans of one detector within {@code text}, ordered and without overlaps. */
  public static List<Span> scan(Detector detector, String text, String field) {
    List<Span> found = new ArrayList<>(0);
    detector.find(text, field, found);
    return resolve(found);
  }

  private static List<Span> resolve(List<Span> found) {
    if (found.size() <= 1) {
      return found;
    }
    found.sort(BY_START_LONGEST_FIRST);
    List<Span> kept = new ArrayList<>(found.size());
    int end = 0;
    for (Span s : found) {
      if (s.start() >= end) {
        kept.add(s);
        end = s.end();
      }
    }
    return kept;
  }
}
