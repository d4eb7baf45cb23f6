package dev.witness.schemas.serde;

import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values into the generated class named by the writer schema, so
 * values written with an older schema are resolved against the class this build carries.
 */
public final class AvroEventDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final SchemaRegistryClient registry;
  private final Class<T> expectedType;
  private final Map<Integer, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

  public AvroEventDeserializer(SchemaRegistryClient registry, Class<T> expectedType) {
    this.registry = registry;
    this.expectedType = expectedType;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(data);
    SpecificDatumReader<SpecificRecord> reader = readers.computeIfAbsent(id, this::readerFor);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
    SpecificRecord record;
    try {
      record = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode value with schema id " + id + " from topic " + topic, e);
    }
    if (!expectedType.isInstance(record)) {
      throw new SerializationException(
          "Topic " + topic + " carries " + record.getSchema().getFullName() + ", expected " + expectedType.getName());
    }
    return expectedType.cast(record);
  }

  private SpecificDatumReader<SpecificRecord> readerFor(int id) {
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      // Kafka clients expect SerializationException from a deserializer; the cause keeps the error code.
      throw new SerializationException("Cannot fetch writer schema id " + id + ": " + e.getMessage(), e);
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null) {
      throw new SerializationException("No generated class for " + writer.getFullName() + " (schema id " + id + ")");
    }
    Schema reader = SpecificData.get().getSchema(generated);
    return new SpecificDatumReader<>(writer, reader);
  }
}
