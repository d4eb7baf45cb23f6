package dev.witness.deploy.standalone;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The route and policy standalone uses for the demo target when witness.yaml names none. */
public final class DemoPolicy {

  public static final String DEMO_RESOURCE = "http:demo";
  public static final String DEMO_DATABASE = "postgres:demo";
  public static final String DEMO_CLUSTER = "kubernetes:demo";
  public static final String APPROVER_GROUP = "demo-approvers";

  private DemoPolicy() {}

  /** {@code /demo/**} to the demo API, with Witness injecting the backend secret. */
  public static HttpRoute route(String demoUrl, String backendSecret) {
    return new HttpRoute("/demo", DEMO_RESOURCE, demoUrl, true,
        new BackendCredential("Authorization", "Bearer " + backendSecret, null, null));
  }

  /**
   * Reads are allowed; deleting customers and anything under /demo/admin is denied; schema
   * changes of the customers table, UPDATE/DELETE of all its rows, DDL/DCL naming no table (DO
   * blocks, DROP DATABASE, CREATE USER) and COPY to or from a program or server file wait for the
   * demo approver; other tables, e.g. pgbench's, are the agent's own. On the demo cluster reads
   * are allowed, secrets are denied, and exec/attach/port-forward and deletes wait for the approver.
   */
  public static PolicyConfig policy() {
    ApprovalRequirement oneApprover = new ApprovalRequirement(1, APPROVER_GROUP, Duration.ofMinutes(15), Duration.ofMinutes(15));
    RuleMatch demoCluster = new RuleMatch(null, List.of(DEMO_CLUSTER), null, null, null);
    RuleMatch demoDatabase = new RuleMatch(List.of("SQL"), List.of(DEMO_DATABASE), null, null, null);
    return new PolicyConfig("allow", List.of(
        new PolicyRule("approve-schema-change", "Schema changes of the customers table need a human",
            demoDatabase, "require-approval", "schema changes need an approver",
            "request.sql.kind == 'DDL' && 'customers' in request.sql.tables", null, oneApprover),
        new PolicyRule("approve-mass-delete", "DELETE or UPDATE of every customer needs a human",
            demoDatabase, "require-approval", "statements touching every row need an approver",
            "!request.sql.hasWhere && 'customers' in request.sql.tables", null, oneApprover),
        new PolicyRule("approve-server-admin", "Database-wide changes and server-side COPY need a human",
            demoDatabase, "require-approval", "statements acting on the server, roles or databases need an approver",
            "(request.sql.kind in ['DDL', 'DCL'] && request.sql.tables.size() == 0)"
                + " || ('COPY' in request.sql.commands && request.risk == 'HIGH')", null, oneApprover),
        new PolicyRule("deny-customer-delete", "Agents may not delete customer data",
            new RuleMatch(List.of("HTTP"), List.of(DEMO_RESOURCE), null, List.of("DELETE"), List.of("/demo/customers/**")),
            "deny", "deleting customer data is not allowed for agents"),
        new PolicyRule("deny-admin", "The admin API is off limits",
            new RuleMatch(List.of("HTTP"), List.of(DEMO_RESOURCE), null, null, List.of("/demo/admin/**")),
            "deny", "the admin API is off limits for agents"),
        new PolicyRule("deny-k8s-secrets", "Agents may not read cluster secrets",
            demoCluster, "deny", "reading secrets is not allowed for agents", "request.k8s.resource == 'secrets'", null, null),
        new PolicyRule("approve-k8s-exec", "exec, attach and port-forward into pods need a human",
            demoCluster, "require-approval", "interactive access to a pod needs an approver",
            "request.k8s.subresource in ['exec', 'attach', 'portforward']", null, oneApprover),
        new PolicyRule("approve-k8s-delete", "Deleting cluster objects needs a human",
            demoCluster, "require-approval", "deletes need an approver",
            "request.k8s.verb in ['delete', 'deletecollection']", null, oneApprover)),
        new ApproversConfig(Map.of(APPROVER_GROUP, List.of(DemoCredentials.APPROVER_ID, DemoCredentials.APPROVER_EMAIL))));
  }
}
