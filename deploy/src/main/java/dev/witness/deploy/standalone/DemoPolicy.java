package dev.witness.deploy.standalone;

import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import java.util.List;

/** The route and policy standalone uses for the demo target when witness.yaml names none. */
public final class DemoPolicy {

  public static final String DEMO_RESOURCE = "http:demo";

  private DemoPolicy() {}

  /** {@code /demo/**} to the demo API, with Witness injecting the backend secret. */
  public static HttpRoute route(String demoUrl, String backendSecret) {
    return new HttpRoute("/demo", DEMO_RESOURCE, demoUrl, true,
        new BackendCredential("Authorization", "Bearer " + backendSecret, null, null));
  }

  /** Reads are allowed; deleting customers and anything under /demo/admin is denied. */
  public static PolicyConfig policy() {
    return new PolicyConfig("allow", List.of(
        new PolicyRule("deny-customer-delete", "Agents may not delete customer data",
            new RuleMatch(List.of("HTTP"), List.of(DEMO_RESOURCE), null, List.of("DELETE"), List.of("/demo/customers/**")),
            "deny", "deleting customer data is not allowed for agents"),
        new PolicyRule("deny-admin", "The admin API is off limits",
            new RuleMatch(List.of("HTTP"), List.of(DEMO_RESOURCE), null, null, List.of("/demo/admin/**")),
            "deny", "the admin API is off limits for agents")));
  }
}
