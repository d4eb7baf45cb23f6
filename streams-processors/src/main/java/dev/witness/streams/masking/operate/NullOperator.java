package dev.witness.streams.masking.operate;

/** Removes the value: NULL in SQL, null in JSON, nothing in free text. */
public final class NullOperator implements Operator {

  @Override
  public String name() {
    return "null";
  }

  @Override
  public String apply(String value, String type) {
    return null;
  }
}
