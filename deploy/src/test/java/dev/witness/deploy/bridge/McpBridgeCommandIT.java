package dev.witness.deploy.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.witness.deploy.WitnessCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code witness mcp-bridge} as a user runs it, with a real child process. */
class McpBridgeCommandIT {

  @Test
  void servesUntilTheServerExitsThenExitsOne() throws Exception {
    assumeTrue(new ProcessBuilder("node", "--version").start().waitFor(30, TimeUnit.SECONDS), "node is not installed");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = WitnessCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("mcp-bridge", "--listen", "127.0.0.1:0", "--", "node", "-e", "setTimeout(() => process.exit(4), 1500)");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("mcp-bridge: serving 'node' at http://127.0.0.1:").contains("/mcp");
    assertThat(err.toString()).contains("the MCP server exited with code 4");
  }

  @Test
  void aBadListenAddressOrNoCommandIsAUsageError() {
    CommandLine cli = WitnessCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("mcp-bridge", "--listen", "nowhere", "--", "node")).isEqualTo(2);
    assertThat(err.toString()).contains("--listen: 'nowhere' is not HOST:PORT");
    assertThat(cli.execute("mcp-bridge")).isEqualTo(2);
  }
}
