package dev.witness.streams.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path pattern of a policy rule: {@code *} matches within one segment, {@code **} across
 * segments, and a whole {@code /**} segment also matches no segment at all (so {@code /api/**}
 * matches {@code /api}). Every other character is literal.
 *
 * <p>Matching simulates the pattern as a small automaton instead of compiling a regex, so a
 * pattern with many stars costs O(path x pattern) and cannot backtrack exponentially.
 */
public final class PathGlob {

  private enum Kind { LITERAL, STAR, GLOBSTAR, OPTIONAL_SLASH }

  private record Token(Kind kind, char literal) {}

  private final String pattern;
  private final Token[] tokens;

  private PathGlob(String pattern, Token[] tokens) {
    this.pattern = pattern;
    this.tokens = tokens;
  }

  /** Parses {@code pattern}; every string is a valid pattern. */
  public static PathGlob compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<Token> tokens = new ArrayList<>();
    int p = 0;
    while (p < pattern.length()) {
      if (pattern.startsWith("/**", p) && (p + 3 == pattern.length() || pattern.charAt(p + 3) == '/')) {
        // OPTIONAL_SLASH is always followed by its GLOBSTAR; skipping it skips both.
        tokens.add(new Token(Kind.OPTIONAL_SLASH, '/'));
        tokens.add(new Token(Kind.GLOBSTAR, '*'));
        p += 3;
      } else if (pattern.startsWith("**", p)) {
        tokens.add(new Token(Kind.GLOBSTAR, '*'));
        p += 2;
      } else if (pattern.charAt(p) == '*') {
        tokens.add(new Token(Kind.STAR, '*'));
        p++;
      } else {
        tokens.add(new Token(Kind.LITERAL, pattern.charAt(p)));
        p++;
      }
    }
    return new PathGlob(pattern, tokens.toArray(Token[]::new));
  }

  /** Whether the whole {@code path} matches. */
  public boolean matches(String path) {
    boolean[] active = new boolean[tokens.length + 1];
    active[0] = true;
    close(active);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean[] next = new boolean[tokens.length + 1];
      boolean any = false;
      for (int t = 0; t < tokens.length; t++) {
        if (!active[t]) {
          continue;
        }
        Token token = tokens[t];
        boolean stay = switch (token.kind()) {
          case STAR -> c != '/';
          case GLOBSTAR -> true;
          case LITERAL, OPTIONAL_SLASH -> false;
        };
        boolean advance = switch (token.kind()) {
          case LITERAL -> token.literal() == c;
          case OPTIONAL_SLASH -> c == '/';
          case STAR, GLOBSTAR -> false;
        };
        next[t] |= stay;
        next[t + 1] |= advance;
        any |= stay || advance;
      }
      if (!any) {
        return false;
      }
      close(next);
      active = next;
    }
    return active[tokens.length];
  }

  /** Adds the states reachable without reading a character; edges only point forward. */
  private void close(boolean[] active) {
    for (int t = 0; t < tokens.length; t++) {
      if (!active[t]) {
        continue;
      }
      switch (tokens[t].kind()) {
        case STAR, GLOBSTAR -> active[t + 1] = true;
        case OPTIONAL_SLASH -> active[t + 2] = true;
        case LITERAL -> { }
      }
    }
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
