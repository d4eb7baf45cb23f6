package dev.witness.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.SchemaSurgery;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Values written by an older producer (a schema version lacking defaulted fields) still read. */
class OlderWriterSchemaTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void anApprovalRequestWrittenBeforeQuorumAndGroupExistedReadsWithTheirDefaults() throws IOException {
    Schema older = SchemaSurgery.withoutFields(ApprovalRequested.getClassSchema(), "quorum", "approverGroup");
    ApprovalRequested current = EventExamples.approvalRequested();
    byte[] framed = writeWith(older, current, Topics.APPROVALS.name());

    ApprovalRequested read = new AvroEventDeserializer<>(registry, ApprovalRequested.class)
        .deserialize(Topics.APPROVALS.name(), framed);

    assertThat(read.getQuorum()).isEqualTo(1);
    assertThat(read.getApproverGroup()).isNull();
    assertThat(read.getApprovalId()).isEqualTo(current.getApprovalId());
    assertThat(read.getRules()).isEqualTo(current.getRules());
    assertThat(read.getExpiresAt()).isEqualTo(current.getExpiresAt());
    assertThat(read.getHeader()).isEqualTo(current.getHeader());
  }

  @Test
  void aMaskedChunkWrittenBeforeMaskingsExistedReadsWithAnEmptyList() throws IOException {
    Schema older = SchemaSurgery.withoutFields(MaskedChunk.getClassSchema(), "maskings");
    MaskedChunk current = EventExamples.maskedChunk();
    byte[] framed = writeWith(older, current, Topics.REPLIES.name());

    SpecificRecord read = AvroEventSerde.forTopic(registry, Topics.REPLIES).deserializer()
        .deserialize(Topics.REPLIES.name(), framed);

    assertThat(read).isInstanceOfSatisfying(MaskedChunk.class, chunk -> {
      assertThat(chunk.getMaskings()).isEmpty();
      assertThat(chunk.getPayload()).isEqualTo(current.getPayload());
      assertThat(chunk.getHead()).isEqualTo(current.getHead());
    });
  }

  @Test
  void theOlderVersionIsAcceptedByTheRegistryAsAnEarlierVersionOfTheSubject() {
    String subject = AvroEventSerializer.subject(Topics.APPROVALS.name(), ApprovalRequested.getClassSchema());
    int olderId = registry.register(subject, SchemaSurgery.withoutFields(ApprovalRequested.getClassSchema(), "quorum"));

    int currentId = registry.register(subject, ApprovalRequested.getClassSchema());

    assertThat(currentId).isNotEqualTo(olderId);
    assertThat(registry.latest(subject).version()).isEqualTo(2);
  }

  /** Encodes {@code value}'s fields that {@code older} has, framed with the id {@code older} gets. */
  private byte[] writeWith(Schema older, SpecificRecord value, String topic) throws IOException {
    GenericRecord record = new GenericData.Record(older);
    for (Schema.Field field : older.getFields()) {
      record.put(field.name(), value.get(value.getSchema().getField(field.name()).pos()));
    }
    int id = registry.register(AvroEventSerializer.subject(topic, older), older);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(WireFormat.MAGIC_BYTE);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    // The specific model knows the generated classes of nested records and the timestamp conversions.
    new SpecificDatumWriter<GenericRecord>(older).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
