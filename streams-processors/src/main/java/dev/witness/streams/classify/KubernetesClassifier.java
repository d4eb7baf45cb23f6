package dev.witness.streams.classify;

import dev.witness.streams.classify.ClassifiedRequest.KubernetesFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a Kubernetes API call by verb, resource and subresource. Reads are {@code LOW}, writes
 * {@code MEDIUM}, deletes {@code HIGH}; a shell or tunnel into a pod ({@code exec}, {@code attach},
 * {@code portforward}, {@code proxy}) is {@code EXEC} and {@code HIGH}, and so is anything on
 * {@code secrets}, since reading a secret discloses it.
 */
public final class KubernetesClassifier {

  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "apply");
  private static final Set<String> DELETE_VERBS = Set.of("delete", "deletecollection");
  private static final Set<String> EXEC_SUBRESOURCES = Set.of("exec", "attach", "portforward", "proxy");
  private static final Set<String> PRIVILEGED_RESOURCES = Set.of(
      "secrets", "clusterroles", "clusterrolebindings", "roles", "rolebindings", "serviceaccounts/token");

  private KubernetesClassifier() {}

  /** The facts and risk of one call. */
  public static ClassifiedRequest classify(String verb, String resource, String subresource, String namespace, String name) {
    KubernetesFacts facts = new KubernetesFacts(lower(verb), lower(resource), lower(subresource), text(namespace), text(name));
    List<String> reasons = new ArrayList<>();
    RequestKind kind;
    RiskLevel risk;
    if (EXEC_SUBRESOURCES.contains(facts.subresource())) {
      kind = RequestKind.EXEC;
      risk = RiskLevel.HIGH;
      reasons.add(facts.subresource() + " into " + (facts.resource().isEmpty() ? "a resource" : facts.resource()));
    } else if (READ_VERBS.contains(facts.verb())) {
      kind = RequestKind.READ;
      risk = RiskLevel.LOW;
    } else if (WRITE_VERBS.contains(facts.verb())) {
      kind = RequestKind.WRITE;
      risk = RiskLevel.MEDIUM;
    } else if (DELETE_VERBS.contains(facts.verb())) {
      kind = RequestKind.DELETE;
      risk = RiskLevel.HIGH;
      reasons.add(facts.verb() + " " + facts.resource());
    } else {
      kind = RequestKind.OTHER;
      risk = RiskLevel.HIGH;
      reasons.add("verb '" + facts.verb() + "' is not classified");
    }
    String full = facts.subresource().isEmpty() ? facts.resource() : facts.resource() + "/" + facts.subresource();
    if (PRIVILEGED_RESOURCES.contains(facts.resource()) || PRIVILEGED_RESOURCES.contains(full)) {
      risk = RiskLevel.HIGH;
      reasons.add(facts.verb() + " on " + full + " touches credentials or privileges");
    }
    return new ClassifiedRequest(kind, risk, reasons, null, null, null, facts);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
