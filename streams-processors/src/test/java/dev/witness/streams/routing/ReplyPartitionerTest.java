package dev.witness.streams.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.masking.PassThroughMasker;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplyPartitionerTest {

  private final ReplyPartitioner partitioner = new ReplyPartitioner();

  private static Verdict verdictFor(int replyPartition) {
    return new VerdictFactory(PolicyConfig.defaults(), Clock.systemUTC())
        .verdictFor(TestEvents.http("s-1", 1, "GET", "/", replyPartition));
  }

  private static MaskedChunk maskedChunkFor(int replyPartition) {
    return new PassThroughMasker(Clock.systemUTC())
        .mask(TestEvents.chunk(TestEvents.http("s-1", 1, "GET", "/", replyPartition), 2, 0, true, "x"));
  }

  private Optional<Set<Integer>> route(SpecificRecord value, int numPartitions) {
    return partitioner.partitions("witness.replies", "s-1", value, new RecordHeaders(), numPartitions);
  }

  @Test
  void routesAVerdictToItsReplyPartition() {
    assertThat(route(verdictFor(5), 8)).isEqualTo(Optional.of(Set.of(5)));
  }

  @Test
  void routesAMaskedChunkToItsReplyPartition() {
    assertThat(route(maskedChunkFor(7), 8)).isEqualTo(Optional.of(Set.of(7)));
  }

  @Test
  void dropsAReplyForAPartitionThatDoesNotExist() {
    assertThat(route(verdictFor(8), 8)).isEqualTo(Optional.of(Set.of()));
    assertThat(route(verdictFor(-1), 8)).isEqualTo(Optional.of(Set.of()));
  }

  @Test
  void dropsWhatIsNotAReply() {
    assertThat(route(TestEvents.http("s-1", 1, "GET", "/", 0), 8)).isEqualTo(Optional.of(Set.of()));
    assertThat(route(null, 8)).isEqualTo(Optional.of(Set.of()));
  }
}
