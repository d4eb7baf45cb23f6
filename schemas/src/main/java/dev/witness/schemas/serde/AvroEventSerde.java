package dev.witness.schemas.serde;

import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serde of a Witness topic's values, backed by a schema registry. */
public final class AvroEventSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

  public AvroEventSerde(SchemaRegistryClient registry, Class<T> type) {
    super(new AvroEventSerializer<>(registry), new AvroEventDeserializer<>(registry, type));
  }

  /** The value serde of {@code topic}. */
  public static <V extends SpecificRecord> Serde<V> forTopic(SchemaRegistryClient registry, Topic<V> topic) {
    return new AvroEventSerde<>(registry, topic.valueType());
  }
}
