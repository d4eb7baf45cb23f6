package dev.witness.schemas.registry;

import org.apache.avro.Schema;

/**
 * Turns the JSON pointer Avro reports an incompatibility at ({@code /fields/3/type/fields/0})
 * into field names ({@code header.eventId}), which is what a schema author recognises.
 */
final class FieldPath {

  private FieldPath() {}

  /** The dotted field path of {@code pointer} in {@code schema}, or the pointer itself if it cannot be followed. */
  static String of(Schema schema, String pointer) {
    StringBuilder path = new StringBuilder();
    Schema current = schema;
    String[] tokens = pointer.split("/");
    try {
      for (int i = 0; i < tokens.length; i++) {
        String token = tokens[i];
        switch (token) {
          case "fields" -> {
            Schema.Field field = current.getFields().get(Integer.parseInt(tokens[++i]));
            path.append(path.isEmpty() ? "" : ".").append(field.name());
            current = field.schema();
          }
          case "items" -> {
            current = current.getElementType();
            path.append("[]");
          }
          case "values" -> {
            current = current.getValueType();
            path.append("{}");
          }
          default -> {
            if (!token.isEmpty() && Character.isDigit(token.charAt(0)) && current.getType() == Schema.Type.UNION) {
              current = current.getTypes().get(Integer.parseInt(token));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      // A pointer shape this walker does not know: the raw pointer is still accurate.
      return pointer;
    }
    return path.isEmpty() ? "(root)" : path.toString();
  }
}
