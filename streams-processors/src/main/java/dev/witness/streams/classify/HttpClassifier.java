package dev.witness.streams.classify;

import dev.witness.streams.classify.ClassifiedRequest.HttpFacts;
import dev.witness.streams.policy.PathNormalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies an HTTP request by method: safe methods read ({@code LOW}), {@code POST}, {@code PUT}
 * and {@code PATCH} write ({@code MEDIUM}), {@code DELETE} deletes ({@code HIGH}); any other method
 * is {@code OTHER} and {@code HIGH}. Protected paths are a matter of policy rules, not of risk.
 */
public final class HttpClassifier {

  private static final Pattern ID_SEGMENT = Pattern.compile(
      "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}");

  private HttpClassifier() {}

  /** The facts and risk of {@code method} on {@code rawPath}, its template derived. */
  public static ClassifiedRequest classify(String method, String rawPath) {
    return classify(method, rawPath, PathTemplates.DERIVED);
  }

  /** The facts and risk of {@code method} on {@code rawPath}, its template from {@code templates}. */
  public static ClassifiedRequest classify(String method, String rawPath, PathTemplates templates) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    String path = PathNormalizer.normalize(rawPath);
    HttpFacts facts = new HttpFacts(m, path, templates.templateOf(path));
    return switch (m) {
      case "GET", "HEAD", "OPTIONS" -> new ClassifiedRequest(RequestKind.READ, RiskLevel.LOW, List.of(), null, facts, null, null);
      case "POST", "PUT", "PATCH" -> new ClassifiedRequest(RequestKind.WRITE, RiskLevel.MEDIUM, List.of(), null, facts, null, null);
      case "DELETE" -> new ClassifiedRequest(RequestKind.DELETE, RiskLevel.HIGH, List.of("HTTP DELETE"), null, facts, null, null);
      default -> new ClassifiedRequest(RequestKind.OTHER, RiskLevel.HIGH,
          List.of("HTTP method " + m + " is not classified"), null, facts, null, null);
    };
  }

  /** {@code path} with id-like segments replaced by {@code {id}}, e.g. {@code /customers/{id}/orders}. */
  static String template(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : path.split("/", -1)) {
      if (!out.isEmpty() || path.startsWith("/")) {
        out.append('/');
      }
      out.append(ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
    }
    // split keeps the empty first segment of an absolute path: drop its extra slash.
    return out.length() > 1 && out.charAt(0) == '/' && out.charAt(1) == '/' ? out.substring(1) : out.toString();
  }
}
