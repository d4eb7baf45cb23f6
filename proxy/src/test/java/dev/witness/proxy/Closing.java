package dev.witness.proxy;

/** Test tear-down: closes resources in the order given, going on past any that fail or are null. */
public final class Closing {

  private Closing() {}

  public static void inOrder(AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }
}
