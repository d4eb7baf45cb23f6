package dev.witness.streams.classify;

import dev.witness.schemas.config.PathTemplate;
import java.util.List;

/**
 * The template of a request path: the first configured template ({@code policy.pathTemplates})
 * that matches it, segment by segment, else one derived by replacing id-like segments with
 * {@code {id}}. Paths are matched in their normalized form.
 */
public final class PathTemplates {

  /** No configured templates: every template is derived. */
  public static final PathTemplates DERIVED = new PathTemplates(List.of());

  private final List<PathTemplate> templates;

  private PathTemplates(List<PathTemplate> templates) {
    this.templates = List.copyOf(templates);
  }

  /**
   * The configured templates, in order.
   *
   * @throws IllegalArgumentException for a template {@code ConfigValidator} would refuse
   */
  public static PathTemplates of(List<String> configured) {
    return configured.isEmpty() ? DERIVED : new PathTemplates(configured.stream().map(PathTemplate::parse).toList());
  }

  /** The template of {@code normalizedPath}, e.g. {@code /customers/{customerId}/orders}. */
  public String templateOf(String normalizedPath) {
    if (!templates.isEmpty()) {
      String[] segments = segments(normalizedPath);
      for (PathTemplate template : templates) {
        if (matches(template, segments)) {
          return template.text();
        }
      }
    }
    return HttpClassifier.template(normalizedPath);
  }

  private static boolean matches(PathTemplate template, String[] segments) {
    if (template.segments().size() != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (!template.isVariable(i) && !template.segments().get(i).equals(segments[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String path) {
    String body = path.startsWith("/") ? path.substring(1) : path;
    if (body.endsWith("/")) {
      body = body.substring(0, body.length() - 1);
    }
    return body.isEmpty() ? new String[0] : body.split("/", -1);
  }
}
