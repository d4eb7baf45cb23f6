package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsToEvery1000EntriesOr5SecondsWithoutAKeyFile() {
    CheckpointConfig checkpoint = loader.parse("", "witness.yaml").streams().checkpoint();

    assertThat(checkpoint).isEqualTo(new CheckpointConfig(1_000L, Duration.ofSeconds(5), null));
  }

  @Test
  void readsTheCadenceAndKeyFile() {
    String yaml = """
        streams:
          checkpoint:
            everyEntries: 500
            everyInterval: 2s
            signingKeyFile: /etc/witness/checkpoint-signing.key
        """;

    CheckpointConfig checkpoint = loader.parse(yaml, "witness.yaml").streams().checkpoint();

    assertThat(checkpoint).isEqualTo(new CheckpointConfig(500L, Duration.ofSeconds(2),
        "/etc/witness/checkpoint-signing.key"));
  }

  @Test
  void badValuesNameTheFieldAndTheFix() {
    assertThatThrownBy(() -> loader.parse("streams:\n  checkpoint:\n    everyEntries: 0\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streams.checkpoint.everyEntries: must be a positive");
    assertThatThrownBy(() -> loader.parse("streams:\n  checkpoint:\n    everyInterval: 10ms\n", "witness.yaml"))
        .hasMessageContaining("streams.checkpoint.everyInterval: PT0.01S is under 100ms");
    assertThatThrownBy(() -> loader.parse("streams:\n  checkpoint:\n    signingKeyFile: ' '\n", "witness.yaml"))
        .hasMessageContaining("streams.checkpoint.signingKeyFile: blank");
  }
}
