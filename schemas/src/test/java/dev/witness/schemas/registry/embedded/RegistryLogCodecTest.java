package dev.witness.schemas.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.registry.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryLogCodecTest {

  private static final RegistryLogRecord.SchemaVersion VERSION =
      new RegistryLogRecord.SchemaVersion("witness.ledger-x.Y", 3, 17, "{\"type\":\"string\"}", false);

  @Test
  void schemaVersionsAreWrittenAsConfluentDoes() {
    assertThat(text(RegistryLogCodec.key(VERSION)))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"witness.ledger-x.Y\",\"version\":3,\"magic\":1}");
    assertThat(text(RegistryLogCodec.value(VERSION))).isEqualTo(
        "{\"subject\":\"witness.ledger-x.Y\",\"version\":3,\"id\":17,\"schema\":\"{\\\"type\\\":\\\"string\\\"}\",\"deleted\":false}");
  }

  @Test
  void theGlobalConfigIsWrittenAsConfluentDoes() {
    RegistryLogRecord config = new RegistryLogRecord.GlobalConfig(CompatibilityLevel.FULL);

    assertThat(text(RegistryLogCodec.key(config))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(text(RegistryLogCodec.value(config))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
  }

  @Test
  void recordsDecodeToThemselves() {
    RegistryLogRecord config = new RegistryLogRecord.GlobalConfig(CompatibilityLevel.NONE);
    RegistryLogRecord deleted = new RegistryLogRecord.SchemaVersion("s", 1, 1, "\"int\"", true);

    for (RegistryLogRecord record : new RegistryLogRecord[] {VERSION, config, deleted}) {
      assertThat(RegistryLogCodec.decode(RegistryLogCodec.key(record), RegistryLogCodec.value(record))).contains(record);
    }
  }

  @Test
  void theSameKeyIsTheSameBytesSoCompactionKeepsOneCopy() {
    RegistryLogRecord.SchemaVersion rewritten = new RegistryLogRecord.SchemaVersion("witness.ledger-x.Y", 3, 17, "\"int\"", true);

    assertThat(RegistryLogCodec.key(rewritten)).isEqualTo(RegistryLogCodec.key(VERSION));
  }

  @Test
  void entriesThisRegistryDoesNotActOnAreSkipped() {
    assertThat(RegistryLogCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
    assertThat(RegistryLogCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}"))).isEmpty();
    assertThat(RegistryLogCodec.decode(
        bytes("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}"), bytes("{\"compatibilityLevel\":\"NONE\"}"))).isEmpty();
    assertThat(RegistryLogCodec.decode(bytes("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}"), bytes("{}"))).isEmpty();
    assertThat(RegistryLogCodec.decode(RegistryLogCodec.key(VERSION), null)).isEmpty();
  }

  @Test
  void brokenEntriesAreRejectedWithAReason() {
    assertThatThrownBy(() -> RegistryLogCodec.decode(bytes("not json"), bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> RegistryLogCodec.decode(RegistryLogCodec.key(VERSION), bytes("{\"subject\":\"s\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'version'");
    assertThatThrownBy(() -> RegistryLogCodec.decode(null, bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without key");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
