package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

  private final RequestIntercepted request = EventExamples.httpRequest();

  @Test
  void isTheSchemaNameAZeroByteAndTheAvroBinaryEncoding() throws Exception {
    ByteArrayOutputStream avro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
    new SpecificDatumWriter<RequestIntercepted>(RequestIntercepted.getClassSchema()).write(request, encoder);
    encoder.flush();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("dev.witness.schemas.event.RequestIntercepted".getBytes(StandardCharsets.UTF_8));
    expected.write(0);
    expected.writeBytes(avro.toByteArray());

    assertThat(CanonicalEncoding.encode(request)).isEqualTo(expected.toByteArray());
    assertThat(CanonicalEncoding.of("dev.witness.schemas.event.RequestIntercepted", avro.toByteArray()))
        .isEqualTo(expected.toByteArray());
  }

  @Test
  void isDeterministicAndSurvivesARoundTripThroughTheWireWhenNoMapHasTwoEntries() throws Exception {
    RequestIntercepted oneHeader = RequestIntercepted.newBuilder(request)
        .setBody(HttpRequest.newBuilder((HttpRequest) request.getBody())
            .setHeaders(Map.of("content-type", "application/json")).build())
        .build();
    RequestIntercepted copy = RequestIntercepted.fromByteBuffer(oneHeader.toByteBuffer());

    assertThat(CanonicalEncoding.encode(copy)).isEqualTo(CanonicalEncoding.encode(oneHeader));
  }

  @Test
  void ofTheBytesAWriterProducedEqualsTheEncodingOfTheSameObject() throws Exception {
    // Avro writes map entries in iteration order, so only the bytes written from one object are
    // the bytes hashed from it; verifiers therefore hash what the ledger recorded.
    ByteArrayOutputStream avro = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
    new SpecificDatumWriter<RequestIntercepted>(RequestIntercepted.getClassSchema()).write(request, encoder);
    encoder.flush();

    assertThat(CanonicalEncoding.of(request.getSchema().getFullName(), avro.toByteArray()))
        .isEqualTo(CanonicalEncoding.encode(request));
  }

  @Test
  void differsWhenAnyFieldDiffers() {
    RequestIntercepted other = RequestIntercepted.newBuilder(request).setReplyPartition(1).build();

    assertThat(Arrays.equals(CanonicalEncoding.encode(request), CanonicalEncoding.encode(other))).isFalse();
  }
}
