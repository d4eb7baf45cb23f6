package dev.witness.deploy;

import dev.witness.embedded.PortInUseException;
import dev.witness.schemas.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns start-up failures into one clear message and an exit code: 2 for configuration errors
 * (like a usage error), 3 for a port in use, 1 otherwise.
 */
final class LauncherErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int CONFIG_ERROR = 2;
  static final int PORT_IN_USE = 3;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    Throwable cause = rootOf(ex);
    if (cause instanceof ConfigException config) {
      cmd.getErr().println("witness: invalid configuration:");
      config.problems().forEach(p -> cmd.getErr().println("  " + p));
      return CONFIG_ERROR;
    }
    if (cause instanceof PortInUseException port) {
      cmd.getErr().println("witness: " + port.getMessage());
      return PORT_IN_USE;
    }
    cmd.getErr().println("witness: " + ex.getMessage());
    if (System.getenv("WITNESS_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    } else {
      cmd.getErr().println("(set WITNESS_DEBUG=1 for the stack trace)");
    }
    return 1;
  }

  private static Throwable rootOf(Throwable t) {
    Throwable current = t;
    while (current != null) {
      if (current instanceof ConfigException || current instanceof PortInUseException) {
        return current;
      }
      current = current.getCause();
    }
    return t;
  }
}
