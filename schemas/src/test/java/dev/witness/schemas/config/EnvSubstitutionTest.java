package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

  private static final String FILE = """
      kafka:
        bootstrap: ${KAFKA_BOOTSTRAP}
      proxy:
        replyPartition: ${WITNESS_REPLY_PARTITION:-0}
      """;

  @Test
  void referencesAreReplacedFromTheEnvironment() {
    WitnessConfig config = new ConfigLoader(Map.of("KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
        "WITNESS_REPLY_PARTITION", "3")).parse(FILE, "witness.yaml");
    assertThat(config.kafka().bootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092");
    assertThat(config.proxy().replyPartition()).isEqualTo(3);
  }

  @Test
  void anUnsetOrEmptyVariableTakesItsDefault() {
    assertThat(new ConfigLoader(Map.of("KAFKA_BOOTSTRAP", "k:9092")).parse(FILE, "witness.yaml").proxy().replyPartition())
        .isZero();
    assertThat(new ConfigLoader(Map.of("KAFKA_BOOTSTRAP", "k:9092", "WITNESS_REPLY_PARTITION", ""))
        .parse(FILE, "witness.yaml").proxy().replyPartition()).isZero();
  }

  @Test
  void anUnsetVariableWithoutDefaultIsNamedWithItsLine() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(FILE, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("witness.yaml: line 2: environment variable KAFKA_BOOTSTRAP is not set");
  }

  @Test
  void aSubstitutedValueIsValidatedLikeAWrittenOne() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("KAFKA_BOOTSTRAP", "k:9092", "WITNESS_REPLY_PARTITION", "99"))
        .parse(FILE, "witness.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("proxy.replyPartition: 99 is outside 0..7");
  }

  @Test
  void secretValuesNeverAppearInErrors() {
    String yaml = "masking:\n  tokenKey: ${MASKING_KEY}\n  phoneRegion: ${REGION}\n";
    assertThatThrownBy(() -> new ConfigLoader(Map.of("MASKING_KEY", "s3cr3t-value-that-is-long-enough"))
        .parse(yaml, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REGION")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void commentLinesAreLeftAlone() {
    String yaml = "# replyPartition: ${WITNESS_REPLY_PARTITION}\nkafka:\n  bootstrap: ${K:-k:9092}  # ${NOT_A_COMMENT_LINE:-x}\n";
    assertThat(new ConfigLoader(Map.of()).parse(yaml, "witness.yaml").kafka().bootstrap()).isEqualTo("k:9092");
  }

  @Test
  void doubledDollarWritesALiteralReferenceAndMalformedOnesAreNamed() {
    String literal = "policy:\n  rules:\n    - id: r\n      decision: deny\n      reason: \"costs $${AMOUNT}\"\n";
    assertThat(new ConfigLoader(Map.of()).parse(literal, "witness.yaml").policy().rules().get(0).reason())
        .isEqualTo("costs ${AMOUNT}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("kafka:\n  bootstrap: ${1BAD}\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 2: '${1BAD}' is not a variable reference");
  }
}
