package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link ThreadCpu} folds ids out of thread names and charges a busy thread's CPU to its group. */
class ThreadCpuTest {

  @Test
  void foldsUuidsAndNumbersOutOfThreadNames() {
    assertThat(ThreadCpu.group("witness-ledger-5c7cdb0c-2e33-491d-a4c5-77f24d25d9c6-StreamThread-1"))
        .isEqualTo("witness-ledger-#-StreamThread-#");
    assertThat(ThreadCpu.group("data-plane-kafka-request-handler-7")).isEqualTo("data-plane-kafka-request-handler-#");
  }

  @Test
  void chargesABusyThreadToItsGroup() throws InterruptedException {
    ThreadCpu cpu = ThreadCpu.start();
    AtomicLong sink = new AtomicLong();
    Thread busy = new Thread(() -> {
      long end = System.nanoTime() + 200_000_000L;
      long x = 0;
      while (System.nanoTime() < end) {
        x += System.nanoTime() % 7;
      }
      sink.set(x);
    }, "bench-busy-42");
    busy.start();
    // Read while it still lives: a finished thread has no CPU time to report.
    Thread.sleep(150);
    String top = cpu.top(50, 1);
    busy.join();
    assertThat(top).startsWith("JVM CPU per request by thread group (top 50):")
        .containsPattern("[0-9.]+ ms  bench-busy-#");
  }
}
