package dev.witness.proxy.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void aFutureNotDoneInTimeFailsWithTimeoutNoEarlierThanItsDeadline() {
    long start = System.nanoTime();
    CompletableFuture<String> waiter = Deadlines.within(new CompletableFuture<>(), Duration.ofMillis(60));

    assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("no answer within PT0.06S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
  }

  @Test
  void aFutureDoneInTimeKeepsItsValueAndReleasesItsDeadline() throws Exception {
    long before = Deadlines.pending();
    List<CompletableFuture<Integer>> waiters = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waiters.add(Deadlines.within(new CompletableFuture<>(), Duration.ofHours(1)));
    }
    assertThat(Deadlines.pending()).isGreaterThanOrEqualTo(before + 1000);

    for (int i = 0; i < waiters.size(); i++) {
      waiters.get(i).complete(i);
    }

    // Cancelled deadlines leave the wheel on its next tick; an uncancelled one would stay an hour.
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Deadlines.pending()).isLessThan(before + 100));
    assertThat(waiters.get(999).get()).isEqualTo(999);
  }

  @Test
  void aFutureAlreadyDoneGetsNoDeadline() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("ok");

    assertThat(Deadlines.within(done, Duration.ofMillis(1))).isSameAs(done);
    assertThat(done).isCompletedWithValue("ok");
  }
}
