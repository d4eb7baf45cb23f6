package dev.witness.streams.testing;

import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topic;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Settings and topics of {@code TopologyTestDriver}s in tests. */
public final class TestDrivers {

  private TestDrivers() {}

  public static Properties props(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return props;
  }

  /** {@code topic} to pipe events into, string keys and Avro values as the proxies write them. */
  public static <V extends SpecificRecord> TestInputTopic<String, V> input(TopologyTestDriver driver,
      SchemaRegistryClient registry, Topic<V> topic) {
    return driver.createInputTopic(topic.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, topic).serializer());
  }

  /** {@code topic} to read what the topology wrote, string keys and Avro values. */
  public static <V extends SpecificRecord> TestOutputTopic<String, V> output(TopologyTestDriver driver,
      SchemaRegistryClient registry, Topic<V> topic) {
    return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
        AvroEventSerde.forTopic(registry, topic).deserializer());
  }
}
