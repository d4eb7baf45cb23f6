package dev.witness.streams.masking.operate;

/**
 * Keeps the last four letters or digits and replaces the others by {@code *}, keeping separators
 * so the shape stays recognizable: {@code 4111 1111 1111 1111} becomes {@code **** **** **** 1111}.
 * Values of at most eight letters or digits are masked whole: four would be half of them.
 */
public final class PartialOperator implements Operator {

  private static final int KEEP = 4;
  private static final int MIN_TO_KEEP = 9;

  @Override
  public String name() {
    return "partial";
  }

  @Override
  public String apply(String value, String type) {
    int significant = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        significant++;
      }
    }
    int keepFrom = significant >= MIN_TO_KEEP ? significant - KEEP : significant;
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(seen++ < keepFrom ? '*' : c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
