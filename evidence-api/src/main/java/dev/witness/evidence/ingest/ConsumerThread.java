package dev.witness.evidence.ingest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The daemon thread a Kafka consumer loop runs on, and the one way to stop it: signal, wake the
 * consumer out of its poll, then wait for the loop (which closes the consumer) to end.
 */
public final class ConsumerThread {

  private final String name;
  private final Consumer<?, ?> consumer;
  private final Duration joinTimeout;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private Thread thread;

  /**
   * @param name the thread's name
   * @param consumer the consumer the loop polls; closed here only if the loop never started
   * @param joinTimeout how long {@link #stop} waits for the loop to finish its current batch
   */
  public ConsumerThread(String name, Consumer<?, ?> consumer, Duration joinTimeout) {
    this.name = name;
    this.consumer = consumer;
    this.joinTimeout = joinTimeout;
  }

  /** Runs {@code loop} on a new daemon thread; the loop must close the consumer when it ends. */
  public synchronized void start(Runnable loop) {
    if (thread != null) {
      throw new IllegalStateException(name + " already started");
    }
    thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether {@link #stop} was called; loops check it between polls. */
  public boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  /** Sleeps up to {@code pause} (a retry back-off) unless a stop comes first; true when stopping. */
  public boolean awaitStop(Duration pause) throws InterruptedException {
    return stopRequested.await(pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the loop to end after its current batch, without waiting (callable from the loop itself). */
  public void signalStop() {
    stopRequested.countDown();
  }

  /** Signals the loop, wakes the consumer and waits up to the join timeout for the loop to end. */
  public void stop() {
    signalStop();
    consumer.wakeup();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      consumer.close();
      return;
    }
    try {
      t.join(joinTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
