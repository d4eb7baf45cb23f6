package dev.witness.proxy.http;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns HTTP headers into their recorded form: names lower-cased, repeated headers joined, and the
 * values of secret-bearing headers replaced by {@value #REDACTED}.
 */
public final class HeaderRedactor {

  public static final String REDACTED = "[REDACTED]";

  private static final Set<String> ALWAYS_SECRET =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  private static final HeaderRedactor STANDARD = new HeaderRedactor(ALWAYS_SECRET);

  private final Set<String> secret;

  private HeaderRedactor(Set<String> secret) {
    this.secret = Set.copyOf(secret);
  }

  /** Redacts the headers that carry credentials in common use. */
  public static HeaderRedactor standard() {
    return STANDARD;
  }

  /** A redactor that also hides {@code headerName} (e.g. a route's injected credential header). */
  public HeaderRedactor also(String headerName) {
    Set<String> more = new HashSet<>(secret);
    more.add(headerName.toLowerCase(Locale.ROOT));
    return new HeaderRedactor(more);
  }

  public boolean isSecret(String headerName) {
    return secret.contains(headerName.toLowerCase(Locale.ROOT));
  }

  /** The recorded form of {@code headers}, in first-seen order. */
  public Map<String, String> record(Iterable<Map.Entry<String, String>> headers) {
    Map<String, String> recorded = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String value = secret.contains(name) ? REDACTED : h.getValue();
      recorded.merge(name, value, (a, b) -> REDACTED.equals(a) ? a : a + ", " + b);
    }
    return recorded;
  }
}
