package dev.witness.streams.masking.content;

/**
 * Tells whether bytes held of a JSON response are exactly one complete object or array followed
 * by a line end: a document the masking topology may mask and release before the response ends.
 *
 * <p>A single JSON body cut into chunks never passes before its last byte (no proper prefix of an
 * object or array closes it), so only streams of one document per line — Kubernetes watch events,
 * NDJSON — are released early; the agent then sees each event as it happens instead of when the
 * stream ends. Scalars at the top level are never released early: {@code 12\n} may be the start of
 * {@code 12\n34}.
 */
public final class JsonValueBoundary {

  private JsonValueBoundary() {}

  /** True when {@code bytes} hold one complete object or array, then only whitespace ending in {@code \n}. */
  public static boolean isOneCompleteLine(byte[] bytes) {
    int end = bytes.length;
    if (end == 0 || bytes[end - 1] != '\n') {
      return false;
    }
    int i = skipWhitespace(bytes, 0);
    if (i == end || bytes[i] != '{' && bytes[i] != '[') {
      return false;
    }
    int closed = closingIndex(bytes, i);
    return closed >= 0 && skipWhitespace(bytes, closed + 1) == end;
  }

  /** Index of the bracket that closes the container opened at {@code open}, or -1 if it never closes. */
  private static int closingIndex(byte[] bytes, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < bytes.length; i++) {
      byte b = bytes[i];
      if (inString) {
        if (b == '\\') {
          i++; // the escaped character cannot end the string
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static int skipWhitespace(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
      i++;
    }
    return i;
  }
}
