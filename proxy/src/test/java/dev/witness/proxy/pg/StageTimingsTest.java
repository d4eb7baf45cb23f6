package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.pg.StageTimings.Stage;
import org.junit.jupiter.api.Test;

class StageTimingsTest {

  @Test
  void bucketsCoverEveryValueWithinAFewPercent() {
    for (long micros : new long[] {0, 1, 63, 64, 65, 100, 999, 1_000, 12_345, 1_000_000, 3_600_000_000L}) {
      long lower = StageTimings.lowerBound(StageTimings.bucket(micros));
      assertThat(lower).isLessThanOrEqualTo(micros);
      assertThat(micros - lower).isLessThanOrEqualTo(Math.max(1, micros / 30));
    }
  }

  @Test
  void percentilesFollowTheRecordedDurations() {
    StageTimings t = new StageTimings();
    for (int i = 1; i <= 100; i++) {
      t.record(Stage.VERDICT, i * 100_000L); // 0.1 ms .. 10 ms
    }
    StageTimings.Summary s = t.summary(Stage.VERDICT);
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50Micros()).isBetween(4_800L, 5_000L);
    assertThat(s.p99Micros()).isBetween(9_600L, 9_900L);
    assertThat(t.summary()).contains("VERDICT").doesNotContain("BACKEND");
    t.reset();
    assertThat(t.summary(Stage.VERDICT).count()).isZero();
  }
}
