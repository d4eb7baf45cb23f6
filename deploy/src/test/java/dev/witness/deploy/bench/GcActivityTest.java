package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link GcActivity} tells pauses from concurrent cycles by collector and reads this JVM's collectors. */
class GcActivityTest {

  private static final GcActivity NONE = new GcActivity(0, 0, 0, 0);

  @Test
  void zgcCyclesAreConcurrentAndItsPausesArePauses() {
    GcActivity zgc = NONE.plus("ZGC Minor Cycles", 11, 63).plus("ZGC Minor Pauses", 34, 0)
        .plus("ZGC Major Cycles", 4, 185).plus("ZGC Major Pauses", 22, 1);
    assertThat(zgc).isEqualTo(new GcActivity(56, 1, 15, 248));
  }

  @Test
  void g1AndParallelCollectionsArePausesButG1ConcurrentWorkIsNot() {
    GcActivity g1 = NONE.plus("G1 Young Generation", 6, 57).plus("G1 Old Generation", 1, 25)
        .plus("G1 Concurrent GC", 2, 40);
    assertThat(g1).isEqualTo(new GcActivity(7, 82, 2, 40));
    GcActivity parallel = NONE.plus("PS Scavenge", 15, 35).plus("PS MarkSweep", 1, 13);
    assertThat(parallel).isEqualTo(new GcActivity(16, 48, 0, 0));
  }

  @Test
  void unknownFiguresCountAsNothing() {
    assertThat(NONE.plus("Copy", -1, -1)).isEqualTo(NONE);
  }

  @Test
  void aRequestedCollectionShowsUpInThisJvmsActivity() {
    GcActivity before = GcActivity.now();
    System.gc();
    GcActivity during = GcActivity.now().since(before);
    assertThat(during.pauses() + during.cycles()).isPositive();
    assertThat(during.describe()).matches("\\d+ pauses \\(\\d+ ms stopped\\), \\d+ concurrent cycles \\(\\d+ ms beside the application\\)");
  }
}
