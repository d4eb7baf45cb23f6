package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.testing.TopologyItSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SIEM projection on real Kafka Streams against the shared embedded broker and registry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiemTopologyIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private TopologyItSupport support;
  private KafkaStreams streams;

  @BeforeAll
  void start() throws Exception {
    support = TopologyItSupport.start(prefix);
    support.kafka().createTopics(Map.of(Topics.REQUESTS.name(), 3, Topics.REPLIES.name(), 4,
        Topics.APPROVALS.name(), 3, Topics.SIEM_OCSF, 3));
    // The test events are stamped TestEvents.T0 (months ago): a wall-clock retention of an hour
    // would let the minutely purge drop a request before its verdict arrives.
    streams = support.start(SiemTopology.build(support.registry(), Clock.systemUTC(), Duration.ofDays(3650)),
        support.interactive(TopologyNames.SIEM));
  }

  @AfterAll
  void stop() {
    if (support != null) {
      support.close();
    }
  }

  @Test
  void requestsVerdictsAndFailedLoginsReachTheFeedAsValidOcsf() {
    String session = prefix + "-feed";
    RequestIntercepted sql = TestEvents.sql(session, 1, "UPDATE customers SET email = 'x@example.com'", 2);
    RequestIntercepted failedLogin = TestEvents.http(session, 2, "GET", "/", 2, AuthenticationOutcome.FAILED);
    RequestIntercepted read = TestEvents.http(session, 3, "GET", "/customers", 2);

    support.send(Topics.REQUESTS.name(), session, sql);
    // The verdict travels on the proxy's reply partition, not the session's: the topology repartitions it.
    support.send(Topics.REPLIES.name(), session, SiemEvents.verdict(sql, Decision.DENY, "no updates"));
    support.send(Topics.REQUESTS.name(), session, failedLogin);
    support.send(Topics.REQUESTS.name(), session, read);
    support.send(Topics.REPLIES.name(), session, SiemEvents.verdict(read, Decision.ALLOW, null));
    support.send(Topics.REPLIES.name(), session,
        ResponseOutcomeTest.chunk(read, 0, true, HttpResponseHead.newBuilder().setStatus(200).build(), null));

    List<String> events = awaitFeed(session, 4);
    assertThat(events).allSatisfy(json -> assertThat(OcsfSchemas.problems(json)).as(json).isEmpty());
    assertThat(events).extracting(json -> JSON.readTree(json).get("class_uid").asInt())
        .containsExactlyInAnyOrder(6005, 3002, 4002, 4002);
    assertThat(events).anySatisfy(json -> assertThat(JSON.readTree(json).at("/http_response/code").asInt()).isEqualTo(200));
    assertThat(String.join("\n", events)).doesNotContain("x@example.com");
  }

  private List<String> awaitFeed(String session, int count) {
    List<String> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, support.bootstrap()),
        new StringDeserializer(), new StringDeserializer())) {
      int partitions = consumer.partitionsFor(Topics.SIEM_OCSF).size();
      List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(Topics.SIEM_OCSF, p)).toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      try {
        await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> {
            if (session.equals(r.key())) {
              found.add(r.value());
            }
          });
          return found.size() >= count;
        });
      } catch (ConditionTimeoutException e) {
        // Say how far the feed got and in which state the app was.
        throw new AssertionError("SIEM feed for " + session + ": app " + streams.state() + ", found " + found, e);
      }
    }
    return found;
  }
}
