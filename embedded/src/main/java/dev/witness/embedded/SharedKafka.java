package dev.witness.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded broker per JVM for integration tests, started on first use and stopped when the
 * JVM exits, so every test class in a module shares it.
 */
public final class SharedKafka {

  private static EmbeddedKafkaBroker broker;

  private SharedKafka() {}

  /** Starts the shared broker if needed and returns its bootstrap servers. */
  public static synchronized String bootstrap() {
    return broker().bootstrap();
  }

  /** The shared broker, started if needed. */
  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("witness-test-kafka");
        broker = EmbeddedKafkaBroker.start(dir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          broker.close();
          ScratchDirectory.deleteQuietly(dir);
        }, "shared-kafka-shutdown"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }
}
