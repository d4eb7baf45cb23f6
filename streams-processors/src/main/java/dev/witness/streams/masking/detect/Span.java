package dev.witness.streams.masking.detect;

/** A detected value: characters {@code [start, end)} of a text hold a value of {@code type}. */
public record Span(int start, int end, String type) {

  public Span {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }
}
