package dev.witness.deploy.demo;

import java.util.List;

/**
 * The demo cluster's pretend container shell: answers a few commands deterministically from the
 * pod's name, so exec through Witness has real output to record and mask (its environment holds
 * a synthetic e-mail). Anything else is "command not found" with exit status 127, like sh.
 */
public final class DemoShell {

  /** What one command printed and how it ended. */
  public record Result(String stdout, String stderr, int exitCode) {}

  private DemoShell() {}

  /** The on-call contact in each demo pod's environment: a synthetic e-mail masking hides. */
  public static String supportContact(String pod) {
    return pod + "-oncall@example.com";
  }

  /** Runs {@code command} (argv) in {@code pod}; {@code cat} without arguments is stdin's echo, handled by the caller. */
  public static Result run(String pod, List<String> command) {
    if (command.isEmpty()) {
      return new Result("", "demo shell: no command given\n", 126);
    }
    List<String> args = command.subList(1, command.size());
    return switch (command.get(0)) {
      case "echo" -> new Result(String.join(" ", args) + "\n", "", 0);
      case "hostname" -> new Result(pod + "\n", "", 0);
      case "env", "printenv" -> new Result(environment(pod), "", 0);
      case "true" -> new Result("", "", 0);
      case "false" -> new Result("", "", 1);
      case "cat" -> cat(pod, args);
      default -> new Result("", "demo shell: " + command.get(0) + ": command not found\n", 127);
    };
  }

  private static Result cat(String pod, List<String> files) {
    StringBuilder out = new StringBuilder();
    for (String file : files) {
      switch (file) {
        case "/etc/hostname" -> out.append(pod).append('\n');
        case "/etc/os-release" -> out.append("NAME=\"Witness demo\"\nID=witness-demo\n");
        default -> {
          return new Result(out.toString(), "cat: " + file + ": No such file or directory\n", 1);
        }
      }
    }
    return new Result(out.toString(), "", 0);
  }

  private static String environment(String pod) {
    return "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
        + "HOSTNAME=" + pod + "\n"
        + "SUPPORT_CONTACT=" + supportContact(pod) + "\n";
  }
}
