package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import java.time.Instant;
import java.util.Locale;

/** A Kubernetes API call and its verdict (or its response) as an OCSF API Activity (6003). */
public final class ApiActivityMapper {

  private ApiActivityMapper() {}

  public static OcsfEvent map(RequestIntercepted request, KubernetesRequest k8s, Outcome outcome, Instant processed) {
    String verb = k8s.getVerb().toLowerCase(Locale.ROOT);
    int activityId = activityId(verb);
    OcsfEvent event = OcsfEvent.ofRequest(OcsfClass.API_ACTIVITY, activityId, activityName(activityId), request,
        outcome, processed);
    ObjectNode api = event.json().putObject("api");
    api.put("operation", verb);
    api.putObject("service").put("name", "kubernetes");
    ObjectNode resource = event.json().putArray("resources").addObject();
    resource.put("type", k8s.getResource() + (k8s.getSubresource() == null ? "" : "/" + k8s.getSubresource()));
    OcsfEvent.putIfPresent(resource, "name", k8s.getName());
    OcsfEvent.putIfPresent(resource, "namespace", k8s.getNamespace());
    event.json().putObject("http_request").putObject("url").put("path", k8s.getPath().split("[?#]", 2)[0]);
    event.message("kubernetes " + verb + " " + k8s.getResource()
        + (k8s.getNamespace() == null ? "" : " -n " + k8s.getNamespace()) + ": " + outcome.label());
    return event;
  }

  /** Create 1, Read 2, Update 3, Delete 4, else Other 99. */
  static int activityId(String verb) {
    return switch (verb) {
      case "create" -> 1;
      case "get", "list", "watch" -> 2;
      case "update", "patch" -> 3;
      case "delete", "deletecollection" -> 4;
      default -> 99;
    };
  }

  static String activityName(int activityId) {
    return switch (activityId) {
      case 1 -> "Create";
      case 2 -> "Read";
      case 3 -> "Update";
      case 4 -> "Delete";
      default -> "Other";
    };
  }
}
