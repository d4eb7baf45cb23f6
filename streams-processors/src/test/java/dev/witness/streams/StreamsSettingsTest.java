package dev.witness.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  @Test
  void interactiveApplicationsAreTunedForLatency() {
    Properties props = StreamsSettings.interactive("127.0.0.1:9092", "witness-verdicts", "/data/streams", 1);
    StreamsConfig config = new StreamsConfig(props);

    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
    assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(1);
    assertThat(config.getProducerConfigs("p")).containsEntry("linger.ms", "0").containsEntry("acks", "all");
    assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsEntry("fetch.max.wait.ms", "100");
    assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(LogAndContinueExceptionHandler.class);
    assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("witness-verdicts");
    assertThat(config.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/data/streams");
  }

  @Test
  void applicationsNobodyWaitsOnFetchInBatches() {
    StreamsConfig siem = new StreamsConfig(StreamsSettings.background("127.0.0.1:9092", "witness-siem", "/d", 1));
    StreamsConfig ledger = new StreamsConfig(StreamsSettings.ledger("127.0.0.1:9092", "witness-ledger", "/d", 1));

    assertThat(siem.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    assertThat(siem.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
    for (StreamsConfig config : List.of(siem, ledger)) {
      assertThat(config.getMainConsumerConfigs("g", "c", 0))
          .containsEntry("fetch.min.bytes", "65536").containsEntry("fetch.max.wait.ms", "100");
      assertThat(config.getProducerConfigs("p")).containsEntry("acks", "all");
    }
  }

  @Test
  void theLedgerRunsExactlyOnceAndStopsOnUnreadableEvidence() {
    Properties props = StreamsSettings.ledger("k1:9092,k2:9092", "witness-ledger", "/data/streams", 3);
    StreamsConfig config = new StreamsConfig(props);

    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).containsExactly("k1:9092", "k2:9092");
    assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(LogAndFailExceptionHandler.class);
  }

  @Test
  void internalTopicsNeedASecondInSyncReplicaWhereOneExists() {
    Properties three = StreamsSettings.ledger("k1:9092", "witness-ledger", "/data/streams", 3);
    Properties one = StreamsSettings.interactive("k1:9092", "witness-verdicts", "/data/streams", 1);

    assertThat(three.getProperty("topic.min.insync.replicas")).isEqualTo("2");
    assertThat(one.getProperty("topic.min.insync.replicas")).isEqualTo("1");
  }

  @Test
  void holdsOnlyStringValues() {
    Properties props = StreamsSettings.interactive("127.0.0.1:9092", "witness-verdicts", "/data/streams", 1);

    assertThat(props.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
        props.keySet().stream().map(String::valueOf).toList());
  }

  @Test
  void namesTheMissingSetting() {
    assertThatThrownBy(() -> StreamsSettings.interactive(" ", "a", "/d", 1)).hasMessageStartingWith("bootstrap:");
    assertThatThrownBy(() -> StreamsSettings.ledger("b:1", "a", "/d", 0)).hasMessageStartingWith("replicationFactor:");
  }

  @Test
  void applicationIdsAndInternalTopicsFollowOnePattern() {
    String ledger = TopologyNames.applicationId("witness", TopologyNames.LEDGER);

    assertThat(ledger).isEqualTo("witness-ledger");
    assertThat(TopologyNames.ledgerRepartitionTopic(ledger)).isEqualTo("witness-ledger-ledger-by-session-repartition");
    assertThat(TopologyNames.ledgerChainChangelogTopic(ledger)).isEqualTo("witness-ledger-ledger-chain-heads-changelog");
  }
}
