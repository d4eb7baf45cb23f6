package dev.witness.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.EventTopics;
import dev.witness.schemas.event.RandomEvents;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topic;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

class EventRoundTripProperties {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Provide
  Arbitrary<SpecificRecord> events() {
    return Arbitraries.of(RandomEvents.TOP_LEVEL)
        .flatMap(type -> Arbitraries.randomValue(random -> RandomEvents.of(type, random)));
  }

  @Property(tries = 500)
  void everyEventDecodesToAnEqualValue(@ForAll("events") SpecificRecord event) {
    Serde<SpecificRecord> serde = serde(EventTopics.of(event));
    String topic = EventTopics.of(event).name();

    SpecificRecord decoded = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, event));

    assertThat(decoded).isEqualTo(event);
  }

  @Property(tries = 200)
  void encodingIsDeterministic(@ForAll("events") SpecificRecord event) {
    Serde<SpecificRecord> serde = serde(EventTopics.of(event));
    String topic = EventTopics.of(event).name();

    byte[] first = serde.serializer().serialize(topic, event);
    byte[] again = serde.serializer().serialize(topic, serde.deserializer().deserialize(topic, first));

    // The ledger hashes canonical encodings: decoding and encoding again must not change a byte.
    assertThat(again).isEqualTo(first);
  }

  @SuppressWarnings("unchecked")
  private Serde<SpecificRecord> serde(Topic<?> topic) {
    return new AvroEventSerde<>(registry, (Class<SpecificRecord>) topic.valueType());
  }
}
