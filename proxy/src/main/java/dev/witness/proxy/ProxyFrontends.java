package dev.witness.proxy;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The protocol frontends on the class path, by name. */
public final class ProxyFrontends {

  private ProxyFrontends() {}

  public static Map<String, ProxyFrontend> registered() {
    Map<String, ProxyFrontend> byName = new TreeMap<>();
    for (ProxyFrontend f : ServiceLoader.load(ProxyFrontend.class, ProxyFrontend.class.getClassLoader())) {
      byName.put(f.name(), f);
    }
    return byName;
  }

  /** The frontend called {@code name}; throws IllegalArgumentException naming the known ones. */
  public static ProxyFrontend named(String name) {
    Map<String, ProxyFrontend> all = registered();
    ProxyFrontend f = all.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no proxy frontend '" + name + "'; known: " + all.keySet());
    }
    return f;
  }
}
