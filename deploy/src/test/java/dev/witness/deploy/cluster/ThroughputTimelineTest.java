package dev.witness.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThroughputTimelineTest {

  private static final long SECOND = 1_000_000_000L;

  private static ThroughputTimeline withCounts(long... perSecond) {
    ThroughputTimeline timeline = new ThroughputTimeline(0, perSecond.length);
    for (int s = 0; s < perSecond.length; s++) {
      timeline.add(s * SECOND + SECOND / 2, perSecond[s]);
    }
    return timeline;
  }

  @Test
  void ratesArePerSecondOverTheRange() {
    ThroughputTimeline t = withCounts(10, 20, 30, 0);

    assertThat(t.total(0, 4)).isEqualTo(60);
    assertThat(t.rate(1, 3)).hasValue(25.0);
    assertThat(t.rate(3, 3)).isEmpty();
  }

  @Test
  void countsPastTheCapacityLandInTheLastSecond() {
    ThroughputTimeline t = new ThroughputTimeline(0, 2);
    t.add(7 * SECOND, 5);

    assertThat(t.total(1, 2)).isEqualTo(5);
  }

  @Test
  void recoveryIsTheFirstWindowBackAtTheShareOfTheBaseline() {
    // baseline 100/s, fault at second 3, nothing for 4 s, then 50, 90, 100.
    ThroughputTimeline t = withCounts(100, 100, 100, 0, 0, 0, 0, 50, 90, 100, 100);

    assertThat(t.recovery(3, 11, 100, 0.8, 2)).hasValue(5.0);
    assertThat(t.recovery(3, 8, 100, 0.8, 2)).isEmpty();
  }
}
