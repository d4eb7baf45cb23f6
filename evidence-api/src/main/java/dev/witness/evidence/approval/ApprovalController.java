package dev.witness.evidence.approval;

import dev.witness.evidence.api.ApiPrincipal;
import dev.witness.evidence.api.ApiProblem;
import dev.witness.evidence.api.ApiRole;
import dev.witness.evidence.approval.DecisionInput.InvalidDecision;
import dev.witness.evidence.approval.DecisionPublisher.DecisionNotRecorded;
import dev.witness.evidence.document.Formats;
import dev.witness.schemas.event.ApprovalDecision;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The approver's endpoints: the approval queue, one approval, and deciding on it. */
final class ApprovalController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalController.class);
  private static final Set<String> LIST_PARAMS = Set.of("state", "limit");

  private final ApprovalDao approvals;
  private final DecisionPublisher publisher;
  private final DecisionFactory factory;
  private final Map<String, String> emails;
  private final PendingVotes votes;

  private ApprovalController(ApprovalDao approvals, DecisionPublisher publisher, DecisionFactory factory,
      Map<String, String> emails, PendingVotes votes) {
    this.approvals = approvals;
    this.publisher = publisher;
    this.factory = factory;
    this.emails = emails;
    this.votes = votes;
  }

  /** Registers the approval routes on {@code app}, each open to approvers (and admins) only. */
  static void register(Javalin app, ApprovalDao approvals, DecisionPublisher publisher, DecisionFactory factory,
      Map<String, String> emails, PendingVotes votes) {
    ApprovalController c = new ApprovalController(approvals, publisher, factory, emails, votes);
    app.get("/v1/approvals", c::list, ApiRole.APPROVER);
    app.get("/v1/approvals/{id}", c::get, ApiRole.APPROVER);
    app.post("/v1/approvals/{id}/decisions", c::decide, ApiRole.APPROVER);
  }

  /** A page of approvals, oldest request first. */
  record ApprovalList(List<ApprovalView> approvals) {}

  /** What an accepted decision answers: recorded in Kafka, counted by the approval state machine. */
  record DecisionAccepted(String decisionId, String approvalId, String channel, String approverId,
      String approverEmail, boolean approve, String reason, String decidedAt) {}

  void list(Context ctx) {
    ctx.queryParamMap().forEach((name, values) -> {
      if (!LIST_PARAMS.contains(name)) {
        throw ApiProblem.badParameter(name, "unknown parameter; allowed are " + new TreeSet<>(LIST_PARAMS));
      }
      if (values.size() > 1) {
        throw ApiProblem.badParameter(name, "given " + values.size() + " times; give it once");
      }
    });
    String state = ctx.queryParam("state");
    if (state != null && ApprovalState.ofWireName(state).isEmpty()) {
      List<String> names = new ArrayList<>();
      for (ApprovalState s : ApprovalState.values()) {
        names.add(s.wireName());
      }
      throw ApiProblem.badParameter("state", "must be one of " + names);
    }
    List<ApprovalView> page = approvals.list(state, limit(ctx.queryParam("limit"))).stream()
        .map(this::view).toList();
    ctx.json(new ApprovalList(page));
  }

  void get(Context ctx) {
    ApprovalRow row = require(ctx.pathParam("id"));
    ApprovalView view = view(row);
    List<String> requests = new ArrayList<>(approvals.citingRequests(view.approvalId()));
    if (view.requestId() != null && !requests.contains(view.requestId())) {
      requests.add(0, view.requestId());
    }
    List<ApprovalDetail.Execution> executions = requests.isEmpty() ? List.of()
        : approvals.executions(requests).stream().map(ApprovalDetail.Execution::of).toList();
    ctx.json(new ApprovalDetail(view, executions));
  }

  void decide(Context ctx) {
    ApiPrincipal user = ApiPrincipal.of(ctx);
    DecisionInput input;
    try {
      input = DecisionInput.parse(ctx.body());
    } catch (InvalidDecision e) {
      throw ApiProblem.of("invalid-decision", "Invalid decision", 400, e.getMessage(), Map.of("field", e.field()));
    }
    ApprovalRow row = require(ctx.pathParam("id"));
    if (row.state().isFinal()) {
      throw ApiProblem.of("approval-final", "Approval already final", 409, "Approval '" + ctx.pathParam("id")
          + "' is already " + row.state().wireName() + "; decisions on it no longer count",
          Map.of("outcome", row.state().wireName()));
    }
    // a convenience, not a guard: the state machine refuses a person's second vote whatever this sees
    if (votes.votes(row.approvalId()).stream().anyMatch(v -> v.getApproverId().equals(user.id()))) {
      throw ApiProblem.of("already-voted", "Already voted", 409, "User '" + user.id() + "' already voted on approval '"
          + row.approvalId() + "'; only a person's first vote counts", Map.of("outcome", row.state().wireName()));
    }
    ApprovalDecision decision = factory.decide(ctx.pathParam("id"), user.id(), emails.get(user.id()), input);
    try {
      publisher.publish(decision);
    } catch (DecisionNotRecorded e) {
      throw ApiProblem.of("decision-not-recorded", "Service Unavailable", 503,
          "The decision was not recorded: Kafka did not acknowledge it. Send it again later; a person's repeated "
              + "vote is never counted twice",
          Map.of());
    }
    LOG.info("approval decision recorded approvalId={} decisionId={} approver={} approve={} channel={}",
        decision.getApprovalId(), decision.getDecisionId(), decision.getApproverId(), decision.getApprove(),
        decision.getChannel());
    ctx.status(202).json(new DecisionAccepted(decision.getDecisionId(), decision.getApprovalId(),
        decision.getChannel(), decision.getApproverId(), decision.getApproverEmail(), decision.getApprove(),
        decision.getReason(), Formats.timestamp(decision.getDecidedAt())));
  }

  private ApprovalView view(ApprovalRow row) {
    return ApprovalView.of(row, votes.votes(row.approvalId()).stream().map(ReceivedVote::of).toList());
  }

  private ApprovalRow require(String approvalId) {
    return approvals.find(approvalId)
        .orElseThrow(() -> ApiProblem.notFound("No approval '" + approvalId + "'"));
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }
}
