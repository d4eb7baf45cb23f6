package dev.witness.streams.verdict;

import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.approval.GrantIndex;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link VerdictFactory}: forwards each request's verdict keyed by session id and, when
 * it asks for approval, the {@code ApprovalRequested} keyed by approval id.
 */
final class VerdictProcessor implements Processor<String, RequestIntercepted, String, SpecificRecord> {

  private static final Logger log = LoggerFactory.getLogger(VerdictProcessor.class);

  private final VerdictFactory verdicts;
  private final String grantStoreName;
  private ProcessorContext<String, SpecificRecord> context;
  private GrantIndex grants;

  VerdictProcessor(VerdictFactory verdicts, String grantStoreName) {
    this.verdicts = verdicts;
    this.grantStoreName = grantStoreName;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.grants = GrantIndex.over(context.getStateStore(grantStoreName));
  }

  @Override
  public void process(Record<String, RequestIntercepted> record) {
    VerdictFactory.Outcome outcome = verdicts.decide(record.value(), grants);
    Verdict verdict = outcome.verdict();
    log.debug("verdict requestId={} sessionId={} decision={} rules={} replyPartition={} approvalId={}",
        verdict.getRequestId(), verdict.getHeader().getSessionId(), verdict.getDecision(), verdict.getRules(),
        verdict.getReplyPartition(), verdict.getApprovalId());
    // The approval request goes first: a proxy that sees REQUIRE_APPROVAL may tell the agent to wait for it.
    if (outcome.approvalRequested() != null) {
      context.forward(record.withKey(outcome.approvalRequested().getApprovalId()).withValue(outcome.approvalRequested()));
    }
    context.forward(record.withKey(verdict.getHeader().getSessionId()).withValue(verdict));
  }
}
