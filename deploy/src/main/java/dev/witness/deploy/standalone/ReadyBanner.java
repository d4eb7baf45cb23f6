package dev.witness.deploy.standalone;

import java.io.PrintStream;
import java.nio.file.Path;

/** Prints the block a user reads after start: endpoints, credentials, a curl line, "ready". */
final class ReadyBanner {

  private final PrintStream out;
  private String kubernetesUrl;
  private Path kubeconfig;

  ReadyBanner(PrintStream out) {
    this.out = out;
  }

  /** Adds the Kubernetes listener and the agent kubeconfig (both null when it does not run). */
  ReadyBanner withKubernetes(String url, Path kubeconfigFile) {
    this.kubernetesUrl = url;
    this.kubeconfig = kubeconfigFile;
    return this;
  }

  void print(DataDirectory dir, ServiceEndpoints e, double seconds) {
    Path cwd = Path.of("").toAbsolutePath();
    String agentToken = shown(cwd, dir.agentToken());
    String auditorToken = shown(cwd, dir.auditorToken());
    String approverToken = shown(cwd, dir.approverToken());
    out.println();
    out.println("Witness standalone");
    out.println("  HTTP proxy        " + e.httpProxy() + "   (route /demo -> demo API)");
    out.println("  PostgreSQL proxy  " + e.postgresProxy() + "   (database demo)");
    if (kubernetesUrl != null) {
      out.println("  Kubernetes proxy  " + kubernetesUrl + "   (kubeconfig: " + shown(cwd, kubeconfig) + ")");
    }
    out.println("  evidence API      " + e.evidenceApi() + "   (health: /healthz)");
    out.println("  schema registry   " + e.schemaRegistry());
    out.println("  kafka             " + e.kafka());
    out.println("  demo API          " + e.demoApi() + "   (target; needs Witness's backend secret)");
    out.println("  demo database     " + e.demoDatabase());
    out.println("  agent token       " + agentToken);
    out.println("  auditor token     " + auditorToken);
    out.println("  approver token    " + approverToken + "   (witness approvals list)");
    out.println("  data directory    " + dir.root());
    out.println();
    out.println("Try:");
    out.println("  curl -H \"Authorization: Bearer $(cat " + agentToken + ")\" -H \"X-Witness-Purpose: ticket-123\" "
        + e.httpProxy() + "/demo/customers/1");
    out.println("  PGPASSWORD=$(cat " + agentToken + ") psql \"host=" + e.postgresHost() + " port=" + e.postgresPort()
        + " user=demo-agent dbname=demo application_name=witness:purpose=ticket-123\" -c 'select * from customers limit 3'");
    if (kubernetesUrl != null) {
      out.println("  kubectl --kubeconfig " + shown(cwd, kubeconfig) + " get pods -n demo");
    }
    out.println("  curl -H \"Authorization: Bearer $(cat " + auditorToken + ")\" " + e.evidenceApi() + "/v1/sessions");
    out.println();
    out.printf("ready (started in %.1f s)%n", seconds);
    out.flush();
  }

  private static String shown(Path cwd, Path file) {
    return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
  }
}
