package dev.witness.proxy.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.pg.StageTimings.Stage;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ExchangeStageTimerTest {

  @Test
  void timesEachStageOfAnAllowedExchangeOnce() {
    ExchangeStageTimer timer = new ExchangeStageTimer();
    PendingReplies pending = new PendingReplies(0);
    EventPublisher publisher = timer.publisher(new RecordingPublisher());
    ReplyChannel replies = timer.replies(pending);
    RequestIntercepted request = TestExchanges.request("r1");
    ResponseChunk chunk = TestExchanges.chunk("r1", 0);

    CompletableFuture<?> verdict = replies.verdict("r1", Duration.ofSeconds(5));
    publisher.publish(request);
    pending.dispatch(Replies.verdict(request, Decision.ALLOW, List.of("default"), null));
    CompletableFuture<?> masked = replies.maskedChunk("r1", 0, Duration.ofSeconds(5));
    publisher.publish(chunk);
    pending.dispatch(Replies.unchanged(chunk));

    assertThat(verdict).isCompleted();
    assertThat(masked).isCompleted();
    for (Stage stage : List.of(Stage.REQUEST_RECORDED, Stage.VERDICT, Stage.BACKEND, Stage.MASKED_CHUNK)) {
      assertThat(timer.timings().summary(stage).count()).as(stage.name()).isEqualTo(1);
    }
  }

  @Test
  void aDeniedRequestHasNoBackendStage() {
    ExchangeStageTimer timer = new ExchangeStageTimer();
    PendingReplies pending = new PendingReplies(0);
    EventPublisher publisher = timer.publisher(new RecordingPublisher());
    ReplyChannel replies = timer.replies(pending);
    RequestIntercepted request = TestExchanges.request("r2");

    replies.verdict("r2", Duration.ofSeconds(5));
    publisher.publish(request);
    pending.dispatch(Replies.verdict(request, Decision.DENY, List.of("deny-all"), "no"));
    publisher.publish(TestExchanges.chunk("r2", 0));

    assertThat(timer.timings().summary(Stage.VERDICT).count()).isEqualTo(1);
    assertThat(timer.timings().summary(Stage.BACKEND).count()).isZero();
  }
}
