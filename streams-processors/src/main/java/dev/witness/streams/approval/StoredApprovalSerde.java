package dev.witness.streams.approval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON form of a {@link StoredApproval} in the approval store and its changelog. JSON, not Avro:
 * the value is internal state, and unknown fields are ignored so a newer writer's state still reads.
 */
public final class StoredApprovalSerde implements Serde<StoredApproval> {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  @Override
  public Serializer<StoredApproval> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("cannot write approval " + value.state().approvalId(), e);
      }
    };
  }

  @Override
  public Deserializer<StoredApproval> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, StoredApproval.class);
      } catch (IOException e) {
        throw new SerializationException("cannot read a stored approval", e);
      }
    };
  }
}
