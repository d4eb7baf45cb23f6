package dev.witness.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Servers started in parallel in one JVM must not be handed the same port. */
class FreePortsTest {

  @Test
  void parallelCallersNeverGetTheSamePort() throws Exception {
    List<Integer> all = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 250; i++) {
          all.add(FreePorts.find());
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(all).hasSize(1000);
    assertThat(new HashSet<>(all)).hasSize(1000);
  }

  @Test
  void portsAreFoundBelowTheRangeTheOsPicksFromItself() {
    // A server bound to port 0 or a client connection can then never take a port between find and bind.
    assumeTrue(FreePorts.EPHEMERAL_LOW - FreePorts.FLOOR >= 1_000, "no room below the ephemeral range here");
    for (int i = 0; i < 50; i++) {
      assertThat(FreePorts.find()).isBetween(FreePorts.FLOOR, FreePorts.EPHEMERAL_LOW - 1);
    }
  }
}
