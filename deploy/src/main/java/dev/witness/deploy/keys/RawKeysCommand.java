package dev.witness.deploy.keys;

import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.envelope.DataKey;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.DataKeyRingFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code witness raw-keys}: the data key ring that encrypts raw response chunks between the proxies and
 * the masking topology. Prints key ids and dates, never key material.
 */
@Command(
    name = "raw-keys",
    mixinStandardHelpOptions = true,
    description = {
        "Manages the data key ring of masking.rawEncryption (AES-256 keys that encrypt raw response",
        "chunks on witness.responses.raw). Proxies and streams re-read the file within a second."},
    subcommands = {RawKeysCommand.ListKeys.class, RawKeysCommand.Rotate.class, RawKeysCommand.Activate.class,
        RawKeysCommand.Retire.class})
public final class RawKeysCommand implements Runnable {

  /** Standalone's key ring under its default data dir. */
  static final String DEFAULT_RING = "witness-data/" + RawEncryptionConfig.STANDALONE_KEY_RING_FILE;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand shares. */
  abstract static class RingCommand implements Callable<Integer> {

    @Option(names = "--key-ring", defaultValue = DEFAULT_RING,
        description = "The key ring file (masking.rawEncryption.keyRingFile; default ${DEFAULT-VALUE}).")
    Path ring;

    @Spec CommandSpec spec;

    Clock clock = Clock.systemUTC();

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws IOException {
      try {
        return run();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("raw-keys: " + e.getMessage());
        return 2;
      }
    }

    abstract int run() throws IOException;
  }

  /** {@code witness raw-keys list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the key ids, their dates and the active key.")
  static final class ListKeys extends RingCommand {
    @Override
    int run() throws IOException {
      DataKeyRing keys = DataKeyRingFile.read(ring);
      for (DataKey key : keys.keys()) {
        out().println((key.id().equals(keys.active().id()) ? "* " : "  ") + key.id() + "  created " + key.createdAt());
      }
      return 0;
    }
  }

  /** {@code witness raw-keys rotate}. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Adds a new random key and makes it active (creates the file if absent).",
          "With --stage it is only added: activate it once every streams instance has the new file."})
  static final class Rotate extends RingCommand {
    @Option(names = "--stage", description = "Add the key without activating it.")
    boolean stage;

    @Override
    int run() throws IOException {
      if (!ring.toFile().exists()) {
        out().println("created " + ring + " active=" + DataKeyRingFile.loadOrCreate(ring, clock, new SecureRandom()).active().id());
        return 0;
      }
      String id = DataKeyRingFile.rotate(ring, !stage, clock, new SecureRandom());
      out().println((stage ? "staged " : "rotated: active ") + id + " in " + ring);
      return 0;
    }
  }

  /** {@code witness raw-keys activate ID}. */
  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Makes a staged key the active one.")
  static final class Activate extends RingCommand {
    @Parameters(paramLabel = "KEY_ID") String id;

    @Override
    int run() throws IOException {
      DataKeyRingFile.write(ring, DataKeyRingFile.read(ring).activate(id, clock.instant()));
      out().println("active " + id + " in " + ring);
      return 0;
    }
  }

  /** {@code witness raw-keys retire ID}. */
  @Command(name = "retire", mixinStandardHelpOptions = true,
      description = {"Removes a key that is no longer active. Refused until it was replaced as the active key longer",
          "than --retention ago (witness.responses.raw keeps chunks that long), unless --force."})
  static final class Retire extends RingCommand {
    @Parameters(paramLabel = "KEY_ID") String id;

    @Option(names = "--retention", defaultValue = "PT1H",
        description = "Retention of witness.responses.raw (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(names = "--force", description = "Retire even if chunks encrypted with the key may still be unread.")
    boolean force;

    @Override
    int run() throws IOException {
      DataKeyRing keys = DataKeyRingFile.read(ring);
      DataKey key = keys.find(id).orElseThrow(() -> new IllegalArgumentException("data key " + id + " is not in " + ring));
      // Rings written before deactivation was recorded: the successor's creation is the best guess.
      Optional<Instant> replacedAt = key.deactivatedAt().or(() -> keys.keys().stream().map(DataKey::createdAt)
          .filter(t -> t.isAfter(key.createdAt())).min(Instant::compareTo));
      Instant safeAfter = replacedAt.map(t -> t.plus(retention)).orElse(Instant.MAX);
      if (!force && !id.equals(keys.active().id()) && clock.instant().isBefore(safeAfter)) {
        throw new IllegalArgumentException("data key " + id + " may still decrypt chunks on witness.responses.raw until "
            + safeAfter + " (" + (key.deactivatedAt().isPresent() ? "replaced as the active key" : "its successor's creation")
            + " + " + retention + "); retry then, or pass --force");
      }
      DataKeyRingFile.write(ring, keys.retire(id));
      out().println("retired " + id + " from " + ring);
      return 0;
    }
  }
}
