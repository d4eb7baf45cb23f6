package dev.witness.deploy.siem;

import dev.witness.connectors.siem.OcsfFeed;
import dev.witness.schemas.topic.Topics;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness siem tail}: prints the OCSF feed ({@code witness.siem.ocsf}) one JSON line per event,
 * as a SIEM receives it. Reads without a consumer group, so it never moves a sink's offsets.
 * Exit codes: 0 done (interrupted or {@code --max-events} reached), 1 Kafka unreachable or topic missing.
 */
@Command(name = "siem", mixinStandardHelpOptions = true,
    description = "The SIEM feed (OCSF JSON on witness.siem.ocsf).",
    subcommands = {SiemTailCommand.Tail.class})
public final class SiemTailCommand implements Runnable {

  static final int FAILED = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print OCSF events as they arrive, one JSON object per line.")
  static final class Tail implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--from-beginning", description = "Start at the oldest retained event instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--class", paramLabel = "<class_uid>", split = ",",
        description = "Only these OCSF classes, e.g. 6005 (Datastore), 4002 (HTTP), 6003 (API), 3002 (Authentication), "
            + "3004 (Entity Management). Repeatable or comma-separated.")
    List<Integer> classes = List.of();

    @Option(names = "--max-events", defaultValue = "0", description = "Exit after this many events (0: run until Ctrl-C).")
    long maxEvents;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AtomicBoolean stopped = new AtomicBoolean();
      try (OcsfFeed feed = new OcsfFeed(bootstrap)) {
        Thread hook = new Thread(() -> {
          stopped.set(true);
          feed.wakeup();
        }, "witness-siem-tail-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          feed.tail(bootstrap, fromBeginning, new LinkedHashSet<>(classes), maxEvents, line -> {
            out.println(line);
            out.flush();
          }, stopped::get);
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook is running and stops the tail.
          }
        }
        return 0;
      } catch (WakeupException e) {
        return 0;
      } catch (OcsfFeed.NoFeedTopic e) {
        err.println("witness: " + e.getMessage());
        return FAILED;
      } catch (KafkaException e) {
        err.println("witness: cannot read " + Topics.SIEM_OCSF + " from " + bootstrap + ": " + e.getMessage());
        return FAILED;
      }
    }
  }
}
