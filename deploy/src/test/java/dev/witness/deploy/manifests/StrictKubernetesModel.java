package dev.witness.deploy.manifests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a manifest document to a fabric8 model class and fails on any field the Kubernetes API
 * does not have: fabric8 collects unknown fields in {@code additionalProperties} instead of
 * failing, so every bound object is walked and each non-empty one is reported with its path.
 */
final class StrictKubernetesModel {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StrictKubernetesModel() {}

  static <T> T bind(Map<String, Object> document, Class<T> type, String source) {
    T bound = MAPPER.convertValue(document, type);
    List<String> unknown = new ArrayList<>();
    walk(bound, type.getSimpleName(), unknown, new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      throw new AssertionError(source + ": fields the Kubernetes API does not know: " + unknown);
    }
    return bound;
  }

  private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(path + "." + getter.getName(), e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
        continue;
      }
      String name = getter.getName().substring(3);
      walk(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown, seen);
    }
  }
}
