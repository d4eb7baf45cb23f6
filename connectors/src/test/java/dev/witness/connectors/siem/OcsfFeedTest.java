package dev.witness.connectors.siem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OcsfFeedTest {

  @Test
  void anEmptyFilterPassesEverything() {
    assertThat(OcsfFeed.matches("{\"class_uid\":6005}", Set.of())).isTrue();
    assertThat(OcsfFeed.matches("not json", Set.of())).isTrue();
  }

  @Test
  void aFilterPassesOnlyItsClasses() {
    assertThat(OcsfFeed.matches("{\"class_uid\":6005,\"activity_id\":1}", Set.of(6005, 3002))).isTrue();
    assertThat(OcsfFeed.matches("{\"class_uid\":4002}", Set.of(6005))).isFalse();
    assertThat(OcsfFeed.matches("{\"activity_id\":1}", Set.of(6005))).isFalse();
    assertThat(OcsfFeed.matches("not json", Set.of(6005))).isFalse();
  }
}
