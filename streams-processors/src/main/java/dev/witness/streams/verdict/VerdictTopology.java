package dev.witness.streams.verdict;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.approval.GrantIndex;
import dev.witness.streams.routing.ReplyPartitioner;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every authenticated request: {@code witness.requests} to a {@link Verdict} on the
 * {@code witness.replies} partition of the waiting proxy, keyed by session id. A request that needs
 * approval also yields an {@code ApprovalRequested} on {@code witness.approvals} (keyed by approval
 * id) for the {@code ApprovalTopology}, unless a grant in the global grant store (built from
 * {@code witness.approvals}) covers the same agent and exact request, which then passes. A request whose
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
    Serde<SpecificRecord> events = new AvroEventSerde<>(registry, SpecificRecord.class);
    StreamsBuilder builder = new StreamsBuilder();
    // Grants by agent and request hash, from every instance's approvals: a global store, since
    // requests are keyed by session and approvals by approval id.
    builder.addGlobalStore(GrantIndex.storeBuilder(TopologyNames.GRANT_STORE), Topics.APPROVALS.name(),
        Consumed.with(Serdes.String(), events).withName("verdict-approvals"),
        () -> new GrantIndex.Indexer(TopologyNames.GRANT_STORE));
    builder.stream(Topics.REQUESTS.name(),
            Consumed.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REQUESTS))
                .withName("verdict-requests"))
        .filter((sessionId, request) -> needsVerdict(request), Named.as("verdict-authenticated"))
        .process(() -> new VerdictProcessor(verdicts, TopologyNames.GRANT_STORE), Named.as("verdict-decide"))
        .split(Named.as("verdict-out-"))
        .branch((key, value) -> value instanceof Verdict, Branched.withConsumer(replies -> replies.to(
            Topics.REPLIES.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REPLIES))
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("verdict-replies")), "replies"))
        .defaultBranch(Branched.withConsumer(approvals -> approvals.to(
            Topics.APPROVALS.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.APPROVALS))
                .withName("verdict-approval-requests")), "approval-requests"));
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
}
