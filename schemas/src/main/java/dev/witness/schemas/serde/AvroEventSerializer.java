package dev.witness.schemas.serde;

import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated Avro records in the Confluent wire format, registering each writer schema
 * under the subject {@code <topic>-<record full name>} (TopicRecordNameStrategy), so a topic
 * can carry several event types.
 */
public final class AvroEventSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final SchemaRegistryClient registry;
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
  private final Map<Schema, SpecificDatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();

  public AvroEventSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /** The subject a record type is registered under on a topic. */
  public static String subject(String topic, Schema schema) {
    return topic + "-" + schema.getFullName();
  }

  @Override
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    Schema schema = value.getSchema();
    String subject = subject(topic, schema);
    int id;
    try {
      id = idBySubject.computeIfAbsent(subject, s -> registry.register(s, schema));
    } catch (SchemaRegistryException e) {
      // Kafka clients expect SerializationException from a serializer; the cause keeps the error code.
      throw new SerializationException("Cannot register " + schema.getFullName() + " under subject " + subject
          + ": " + e.getMessage(), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(WireFormat.MAGIC_BYTE);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic, e);
    }
    return out.toByteArray();
  }
}
