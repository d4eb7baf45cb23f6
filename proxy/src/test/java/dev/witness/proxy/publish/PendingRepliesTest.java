package dev.witness.proxy.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

  private final PendingReplies replies = new PendingReplies(3);

  @Test
  void verdictCompletesItsWaiterOnly() {
    CompletableFuture<Verdict> a = replies.verdict("req-a", Duration.ofSeconds(5));
    CompletableFuture<Verdict> b = replies.verdict("req-b", Duration.ofSeconds(5));
    Verdict verdict = Replies.allow(TestExchanges.request("req-a"));

    assertThat(replies.dispatch(verdict)).isTrue();

    assertThat(a).isCompletedWithValue(verdict);
    assertThat(b).isNotDone();
    assertThat(replies.waiting()).isEqualTo(1);
  }

  @Test
  void maskedChunksAreMatchedByRequestAndIndex() {
    CompletableFuture<MaskedChunk> zero = replies.maskedChunk("req-a", 0, Duration.ofSeconds(5));
    CompletableFuture<MaskedChunk> one = replies.maskedChunk("req-a", 1, Duration.ofSeconds(5));
    MaskedChunk masked = Replies.unchanged(TestExchanges.chunk("req-a", 1));

    replies.dispatch(masked);

    assertThat(one).isCompletedWithValue(masked);
    assertThat(zero).isNotDone();
  }

  @Test
  void repliesNobodyWaitsForAreIgnored() {
    assertThat(replies.dispatch(Replies.allow(TestExchanges.request("late")))).isFalse();
    assertThat(replies.dispatch(TestExchanges.request("not-a-reply"))).isFalse();
  }

  @Test
  void waiterTimesOutAndIsForgotten() {
    CompletableFuture<Verdict> waiter = replies.verdict("req-slow", Duration.ofMillis(20));

    assertThatThrownBy(waiter::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    assertThat(replies.waiting()).isZero();
    assertThat(replies.dispatch(Replies.allow(TestExchanges.request("req-slow")))).isFalse();
  }

  @Test
  void closeFailsEveryWaiterClosed() {
    CompletableFuture<Verdict> waiter = replies.verdict("req-a", Duration.ofSeconds(5));

    replies.close();

    assertThatThrownBy(waiter::get).hasCauseInstanceOf(WitnessUnavailableException.class);
    assertThat(replies.verdict("req-b", Duration.ofSeconds(5))).isCompletedExceptionally();
  }

  @Test
  void secondWaiterForOneRequestIsABug() {
    replies.verdict("req-a", Duration.ofSeconds(5));
    assertThatThrownBy(() -> replies.verdict("req-a", Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class);
  }
}
