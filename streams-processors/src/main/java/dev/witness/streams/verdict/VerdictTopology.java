package dev.witness.streams.verdict;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.routing.ReplyPartitioner;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every authenticated request: {@code witness.requests} to a {@link Verdict} on the
 * {@code witness.replies} partition of the waiting proxy, keyed by session id. A request whose
 * authentication failed gets no verdict: the proxy already refused it and nobody waits; it is
 * evidence through the ledger.
 */
public final class VerdictTopology {

  private static final Logger log = LoggerFactory.getLogger(VerdictTopology.class);

  private VerdictTopology() {}

  /**
   * The topology.
   *
   * @param registry schema registry of the event serdes
   * @param policy the policy in force
   * @param clock stamps verdict headers and event ids
   * @throws IllegalArgumentException naming the field when the policy is not valid
   */
  public static Topology build(SchemaRegistryClient registry, PolicyConfig policy, Clock clock) {
    VerdictFactory verdicts = new VerdictFactory(policy, clock);
    log.info("verdict topology built policyVersion={} rules={} defaultDecision={}",
        verdicts.policyVersion(), policy.rules().size(), policy.defaultDecision());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.REQUESTS.name(),
            Consumed.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REQUESTS))
                .withName("verdict-requests"))
        .filter((sessionId, request) -> needsVerdict(request), Named.as("verdict-authenticated"))
        .map((sessionId, request) -> decide(verdicts, request), Named.as("verdict-decide"))
        .to(Topics.REPLIES.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REPLIES))
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("verdict-replies"));
    return builder.build();
  }

  private static boolean needsVerdict(RequestIntercepted request) {
    if (request == null) {
      return false;
    }
    if (request.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED) {
      log.debug("no verdict reason=authentication-failed requestId={} sessionId={}",
          request.getRequestId(), request.getHeader().getSessionId());
      return false;
    }
    return true;
  }

  private static KeyValue<String, SpecificRecord> decide(VerdictFactory verdicts, RequestIntercepted request) {
    Verdict verdict = verdicts.verdictFor(request);
    log.debug("verdict requestId={} sessionId={} decision={} rules={} replyPartition={}",
        verdict.getRequestId(), verdict.getHeader().getSessionId(), verdict.getDecision(), verdict.getRules(),
        verdict.getReplyPartition());
    return KeyValue.pair(verdict.getHeader().getSessionId(), verdict);
  }
}
