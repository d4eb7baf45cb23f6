package dev.witness.schemas.topic;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic of Witness: its name and the Avro type of its values (keys are strings).
 *
 * @param name the topic name
 * @param valueType the common supertype of the values; {@link SpecificRecord} for topics that
 *     carry several event types
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
  }

  @Override
  public String toString() {
    return name;
  }
}
