package dev.witness.streams.masking.detect;

import java.util.List;
import java.util.Set;

/**
 * Dates of birth: any value of a field named so ({@code dob}, {@code date_of_birth},
 * {@code birth_date}, {@code birthday}). A date alone says nothing; its column says what it is.
 */
public final class BirthDateFieldDetector implements Detector {

  private static final Set<String> NAMES = Set.of("dob", "dateofbirth", "birthdate", "birthday", "birthdt");

  private final FieldMemo birthFields = new FieldMemo(f -> NAMES.contains(TextBoundary.normalizeField(f)));

  @Override
  public String type() {
    return "dob";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(1));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public boolean mayMatchField(String field) {
    return claimsField(field);
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    if (!text.isEmpty() && claimsField(field)) {
      out.add(new Span(0, text.length(), type()));
    }
  }

  @Override
  public boolean claimsField(String field) {
    return birthFields.test(field);
  }
}
