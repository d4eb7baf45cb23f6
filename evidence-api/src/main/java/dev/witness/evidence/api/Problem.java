package dev.witness.evidence.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * An RFC 9457 problem details document ({@code application/problem+json}).
 *
 * @param extensions extra members, written beside the standard ones
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail,
    @JsonIgnore Map<String, Object> extensions) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** Problem types are URNs: they identify the kind of error and are not meant to resolve. */
  static final String TYPE_BASE = "urn:witness:problem:";

  public Problem {
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  static Problem of(String kind, String title, int status, String detail) {
    return new Problem(TYPE_BASE + kind, title, status, detail, Map.of());
  }

  @JsonAnyGetter
  Map<String, Object> extensionMembers() {
    return extensions;
  }
}
