package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

  @Test
  void isTheSchemaNameAZeroByteAndTheAvroBinaryEncoding() throws Exception {
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/x", 0);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("dev.witness.schemas.event.RequestIntercepted".getBytes(StandardCharsets.UTF_8));
    expected.write(0);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new SpecificDatumWriter<RequestIntercepted>(RequestIntercepted.getClassSchema()).write(request, encoder);
    encoder.flush();

    assertThat(CanonicalEncoding.encode(request)).isEqualTo(expected.toByteArray());
  }

  @Test
  void isDeterministicAndSurvivesARoundTripThroughTheWire() throws Exception {
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/x", 0);
    RequestIntercepted copy = RequestIntercepted.fromByteBuffer(request.toByteBuffer());

    assertThat(CanonicalEncoding.encode(copy)).isEqualTo(CanonicalEncoding.encode(request));
  }

  @Test
  void differsWhenAnyFieldDiffers() {
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/x", 0);
    RequestIntercepted other = RequestIntercepted.newBuilder(request).setReplyPartition(1).build();

    assertThat(Arrays.equals(CanonicalEncoding.encode(request), CanonicalEncoding.encode(other))).isFalse();
  }
}
