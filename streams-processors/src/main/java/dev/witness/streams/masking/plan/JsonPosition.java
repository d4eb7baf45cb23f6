package dev.witness.streams.masking.plan;

import java.util.Arrays;

/** Where a JSON walker stands: the keys and array indices from the root, reused without allocating. */
public final class JsonPosition {

  private String[] keys = new String[16];
  private int[] indices = new int[16];
  private boolean[] arrays = new boolean[16];
  private int depth;

  /** Entering an object ({@code array} false) or array as a value at the current position. */
  public void push(boolean array) {
    if (depth == keys.length) {
      keys = Arrays.copyOf(keys, depth * 2);
      indices = Arrays.copyOf(indices, depth * 2);
      arrays = Arrays.copyOf(arrays, depth * 2);
    }
    arrays[depth] = array;
    keys[depth] = null;
    indices[depth] = -1;
    depth++;
  }

  public void pop() {
    depth--;
  }

  /** The next member's key in the innermost object. */
  public void key(String key) {
    keys[depth - 1] = key;
  }

  /** Moves to the next element when the innermost container is an array; call before each value. */
  public void nextValue() {
    if (depth > 0 && arrays[depth - 1]) {
      indices[depth - 1]++;
    }
  }

  public int depth() {
    return depth;
  }

  public boolean isArray(int level) {
    return arrays[level];
  }

  public String key(int level) {
    return keys[level];
  }

  public int index(int level) {
    return indices[level];
  }

  /** The key of the innermost object member the value belongs to, or null (root, array elements of root). */
  public String nearestKey() {
    for (int level = depth - 1; level >= 0; level--) {
      if (!arrays[level]) {
        return keys[level];
      }
    }
    return null;
  }

  /** The position as a path with every index written {@code [*]}: {@code $.customers[*].email}. */
  public String pattern() {
    StringBuilder sb = new StringBuilder("$");
    for (int level = 0; level < depth; level++) {
      if (arrays[level]) {
        sb.append("[*]");
      } else {
        sb.append('.').append(keys[level]);
      }
    }
    return sb.toString();
  }
}
