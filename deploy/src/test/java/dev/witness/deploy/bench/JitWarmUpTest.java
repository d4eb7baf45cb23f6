package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

  /** A round of 20 ms during which the "JIT" compiles for the given milliseconds. */
  private static JitWarmUp.Round round(AtomicLong compiled, AtomicInteger rounds, long... compileMillisPerRound) {
    return () -> {
      int i = rounds.getAndIncrement();
      compiled.addAndGet(compileMillisPerRound[Math.min(i, compileMillisPerRound.length - 1)]);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void goesOnUntilTheJitCompilesLessThanTheSettledShareOfARound() {
    AtomicLong compiled = new AtomicLong();
    AtomicInteger rounds = new AtomicInteger();
    JitWarmUp.Outcome outcome = new JitWarmUp(2, 0.05, Duration.ofSeconds(30), compiled::get)
        .run(round(compiled, rounds, 15, 12, 8, 0));

    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.rounds()).isEqualTo(4);
    assertThat(outcome.lastCompileShare()).isLessThan(0.05);
    assertThat(outcome.describe()).startsWith("4 rounds in ").doesNotContain("not settled");
  }

  @Test
  void runsTheMinimumRoundsEvenWhenSettledAtOnce() {
    AtomicLong compiled = new AtomicLong();
    AtomicInteger rounds = new AtomicInteger();
    JitWarmUp.Outcome outcome = new JitWarmUp(3, 0.05, Duration.ofSeconds(30), compiled::get).run(round(compiled, rounds, 0));

    assertThat(outcome.rounds()).isEqualTo(3);
    assertThat(outcome.settled()).isTrue();
  }

  @Test
  void stopsAtTheLimitOnceTheMinimumRanAndSaysItDidNotSettle() {
    AtomicLong compiled = new AtomicLong();
    AtomicInteger rounds = new AtomicInteger();
    JitWarmUp.Outcome outcome = new JitWarmUp(2, 0.05, Duration.ofMillis(100), compiled::get)
        .run(round(compiled, rounds, 15));

    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.rounds()).isBetween(2, 10);
    assertThat(outcome.describe()).contains("not settled: time limit reached");
  }

  @Test
  void withoutCompileTimesTheMinimumRoundsAreTheWarmUp() {
    AtomicInteger rounds = new AtomicInteger();
    JitWarmUp.Outcome outcome = new JitWarmUp(2, 0.05, Duration.ofSeconds(30), null)
        .run(round(new AtomicLong(), rounds, 15));

    assertThat(outcome.rounds()).isEqualTo(2);
  }
}
