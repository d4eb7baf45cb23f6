package dev.witness.deploy.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code witness approvals}: answer approval requests without Slack, through the evidence API's
 * approver endpoints. Exit codes: 0 done, 1 failed (API unreachable, bad input, Kafka down),
 * 2 usage or no token, 4 no such approval, 5 approval already final (or already voted), 6 token refused.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
    description = "List, show, approve and reject approval requests (approver role).",
    subcommands = {ApprovalsCommand.ListApprovals.class, ApprovalsCommand.ShowApproval.class,
        ApprovalsCommand.Approve.class, ApprovalsCommand.Reject.class})
public final class ApprovalsCommand implements Runnable {

  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_FOUND = 4;
  static final int ALREADY_FINAL = 5;
  static final int NOT_ALLOWED = 6;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand does around its call: find the token, map API errors to exit codes. */
  abstract static class ApprovalCall implements Callable<Integer> {

    @Mixin ApiConnection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        ApprovalClient client = new ApprovalClient(connection.baseUrl(), connection.token(System::getenv));
        run(client, out);
        out.flush();
        return 0;
      } catch (ApiConnection.MissingToken e) {
        err.println("witness: " + e.getMessage());
        return USAGE;
      } catch (ApprovalClient.ApiError e) {
        err.println("witness: " + e.title() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : "")
            + (e.detail().isEmpty() ? "" : ": " + e.detail()));
        return switch (e.status()) {
          case 404 -> NOT_FOUND;
          case 409 -> ALREADY_FINAL;
          case 401, 403 -> NOT_ALLOWED;
          default -> FAILED;
        };
      }
    }

    abstract void run(ApprovalClient client, PrintWriter out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List approvals, oldest request first.")
  static final class ListApprovals extends ApprovalCall {

    @Option(names = "--state", defaultValue = "pending",
        description = "pending, approved, rejected, expired, cancelled or all (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (1-1000, default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    @Override
    void run(ApprovalClient client, PrintWriter out) {
      JsonNode page = client.list("all".equals(state) ? null : state, limit);
      out.print(json ? page.toPrettyString() + System.lineSeparator() : ApprovalText.table(page.path("approvals")));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one approval: the request, its decisions and the execution that followed.")
  static final class ShowApproval extends ApprovalCall {

    @Parameters(index = "0", paramLabel = "<id>", description = "Approval id.")
    String approvalId;

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    @Override
    void run(ApprovalClient client, PrintWriter out) {
      JsonNode detail = client.show(approvalId);
      out.print(json ? detail.toPrettyString() + System.lineSeparator() : ApprovalText.detail(detail));
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending request.")
  static final class Approve extends ApprovalCall {

    @Parameters(index = "0", paramLabel = "<id>", description = "Approval id.")
    String approvalId;

    @Option(names = "--reason", description = "Why (recorded with the decision).")
    String reason;

    @Override
    void run(ApprovalClient client, PrintWriter out) {
      out.print(ApprovalText.accepted(client.decide(approvalId, true, reason)));
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending request.")
  static final class Reject extends ApprovalCall {

    @Parameters(index = "0", paramLabel = "<id>", description = "Approval id.")
    String approvalId;

    @Option(names = "--reason", required = true, description = "Why (required; recorded with the decision).")
    String reason;

    @Override
    void run(ApprovalClient client, PrintWriter out) {
      out.print(ApprovalText.accepted(client.decide(approvalId, false, reason)));
    }
  }
}
