package dev.witness.deploy;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the launcher, as a user runs {@code ./witness args}: its exit code and what it printed. */
public record LauncherRun(int code, String out, String err) {

  /** Runs {@code args} and keeps what was printed. */
  public static LauncherRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = execute(out, err, args);
    return new LauncherRun(code, out.toString(), err.toString());
  }

  /** Runs {@code args} printing to {@code out} and {@code err}, which a test may read across several runs. */
  public static int execute(StringWriter out, StringWriter err, String... args) {
    CommandLine cmd = WitnessCommand.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }
}
