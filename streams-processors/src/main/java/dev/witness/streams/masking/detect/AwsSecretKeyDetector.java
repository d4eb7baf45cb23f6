package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * AWS secret access keys: 40 characters of base64 alphabet mixing cases and digits, only where the
 * context names one (the field, or the 64 characters before, mention "secret" and "aws" or
 * "access") because 40 random characters alone are as likely a commit hash or a nonce.
 */
public final class AwsSecretKeyDetector implements Detector {

  private static final int LENGTH = 40;
  private static final int CONTEXT = 64;

  @Override
  public String type() {
    return "aws_secret_key";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(LENGTH));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int len = text.length();
    int i = 0;
    while (i < len) {
      if (!isKeyChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < len && isKeyChar(text.charAt(i))) {
        i++;
      }
      if (i - start == LENGTH && (start == 0 || !isKeyChar(text.charAt(start - 1)))
          && mixed(text, start, i) && inContext(text, start, field)) {
        out.add(new Span(start, i, type()));
      }
    }
  }

  private static boolean isKeyChar(char c) {
    return TextBoundary.isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '+';
  }

  private static boolean mixed(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      upper |= TextBoundary.isUpper(c);
      lower |= c >= 'a' && c <= 'z';
      digit |= TextBoundary.isDigit(c);
    }
    return upper && lower && digit;
  }

  private static boolean inContext(String text, int start, String field) {
    String before = TextBoundary.normalizeField(text.substring(Math.max(0, start - CONTEXT), start));
    String named = TextBoundary.normalizeField(field) + before;
    return named.contains("secret") && (named.contains("aws") || named.contains("access"));
  }
}
