package dev.witness.schemas.config;

import java.util.List;

/**
 * A masking rule: values of these fields, where the match fits, are masked with {@code operator}.
 *
 * @param id stable id, for error messages
 * @param match resources, agents and purposes the rule applies to; absent = everywhere
 * @param fields SQL column names, JSON keys ({@code email}) or JSON paths ({@code $.customers[*].email})
 * @param detector when set, only what this detector finds inside the value is masked; absent = the
 *     whole value, recorded as detector {@code rule} (redacted {@code [MASKED]}, tokens {@code tok_masked_})
 * @param operator one of {@link MaskingConfig#OPERATORS}
 */
public record MaskingRule(String id, MaskingMatch match, List<String> fields, String detector, String operator) {

  public MaskingRule {
    match = match == null ? MaskingMatch.any() : match;
    fields = fields == null ? List.of() : List.copyOf(fields);
  }
}
