package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * Values of fields named like secrets ({@code password}, {@code secret}, {@code token},
 * {@code api_key}) that look random: at least 8 characters with at least 3 bits of Shannon entropy
 * per character, so {@code "token_count": "12"} or {@code "password_set": "true"} stay readable.
 */
public final class SecretFieldDetector implements Detector {

  private static final String[] NAMES = {"password", "passwd", "secret", "token", "apikey", "privatekey", "credential"};
  private static final int MIN_LENGTH = 8;
  private static final double MIN_BITS_PER_CHAR = 3.0;

  private final FieldMemo secretFields = new FieldMemo(SecretFieldDetector::namesSecret);

  @Override
  public String type() {
    return "secret";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(MIN_LENGTH));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public boolean mayMatchField(String field) {
    return secretFields.test(field);
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    if (text.length() >= MIN_LENGTH && secretFields.test(field) && entropy(text) >= MIN_BITS_PER_CHAR) {
      out.add(new Span(0, text.length(), type()));
    }
  }

  static boolean namesSecret(String field) {
    String normalized = TextBoundary.normalizeField(field);
    for (String name : NAMES) {
      if (normalized.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** Shannon entropy of {@code text} in bits per character. */
  static double entropy(String text) {
    java.util.HashMap<Character, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < text.length(); i++) {
      counts.merge(text.charAt(i), 1, Integer::sum);
    }
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / text.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }
}
