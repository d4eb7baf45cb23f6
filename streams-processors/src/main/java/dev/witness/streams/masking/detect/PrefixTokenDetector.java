package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * Credentials that announce themselves by a fixed prefix (GitHub {@code ghp_}, GitLab {@code glpat-},
 * Slack {@code xoxb-}, Stripe {@code sk_live_}, AWS {@code AKIA}): the prefix at a word start, then
 * a body of the issuer's alphabet whose length is in the issuer's range and ends at a boundary.
 */
public final class PrefixTokenDetector implements Detector {

  private final String type;
  private final List<String> prefixes;
  private final String alphabet;
  private final int minBody;
  private final int maxBody;
  private final int minLength;
  /** Per prefix: the length of the shortest token, and the uppers, lowers, underscores and dashes the prefix holds. */
  private final List<FactsGate> gates;

  /**
   * @param alphabet the body's characters as ranges, e.g. {@code "A-Za-z0-9_-"} (a trailing or
   *     leading {@code -} is literal)
   */
  public PrefixTokenDetector(String type, List<String> prefixes, String alphabet, int minBody, int maxBody) {
    this.type = type;
    this.prefixes = List.copyOf(prefixes);
    this.alphabet = alphabet;
    this.minBody = minBody;
    this.maxBody = maxBody;
    this.minLength = prefixes.stream().mapToInt(String::length).min().orElse(0) + minBody;
    this.gates = prefixes.stream().map(p -> FactsGate.ANY.withLength(minLength).withUppers(count(p, 'A', 'Z'))
        .withLowers(count(p, 'a', 'z')).withUnderscores(count(p, '_', '_')).withDashes(count(p, '-', '-'))).toList();
  }

  private static int count(String s, char from, char to) {
    return (int) s.chars().filter(c -> c >= from && c <= to).count();
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public List<FactsGate> gates() {
    return gates;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    for (String prefix : prefixes) {
      int at = text.indexOf(prefix);
      while (at >= 0) {
        int end = at + prefix.length();
        if (TextBoundary.startsWord(text, at)) {
          int body = end;
          while (body < text.length() && body - end <= maxBody && inAlphabet(text.charAt(body))) {
            body++;
          }
          int n = body - end;
          if (n >= minBody && n <= maxBody && (body == text.length() || !TextBoundary.isWordChar(text.charAt(body)))) {
            out.add(new Span(at, body, type));
            end = body;
          }
        }
        at = text.indexOf(prefix, end);
      }
    }
  }

  private boolean inAlphabet(char c) {
    int n = alphabet.length();
    for (int i = 0; i < n; i++) {
      char lo = alphabet.charAt(i);
      if (i + 2 < n && alphabet.charAt(i + 1) == '-') {
        if (c >= lo && c <= alphabet.charAt(i + 2)) {
          return true;
        }
        i += 2;
      } else if (c == lo) {
        return true;
      }
    }
    return false;
  }
}
