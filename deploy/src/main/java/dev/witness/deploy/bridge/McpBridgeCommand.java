package dev.witness.deploy.bridge;

import dev.witness.proxy.mcpbridge.McpBridge;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code witness mcp-bridge [--listen HOST:PORT] -- <command> [args]}: runs a stdio MCP server and
 * serves it on the MCP streamable HTTP transport at {@code http://HOST:PORT/mcp}, the {@code upstream}
 * of a {@code dialect: mcp} route. Exits 1 (after answering what was in flight) when the server exits.
 */
@Command(name = "mcp-bridge", mixinStandardHelpOptions = true,
    description = "Serve a stdio MCP server over streamable HTTP so a Witness mcp route can front it.")
public final class McpBridgeCommand implements Callable<Integer> {

  @Option(names = "--listen", defaultValue = "127.0.0.1:8931", paramLabel = "HOST:PORT",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); the endpoint is http://HOST:PORT/mcp.")
  String listen;

  @Option(names = "--timeout", defaultValue = "PT2M", paramLabel = "DURATION",
      description = "How long a request may wait for the server's answer, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The MCP server's command and arguments, after --.")
  List<String> command;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    InetSocketAddress address = address(listen);
    try (McpBridge bridge = McpBridge.start(address, command, timeout)) {
      out.println("mcp-bridge: serving '" + command.get(0) + "' at " + bridge.url());
      out.flush();
      int code = bridge.serverExited().get();
      // Let requests that were in flight receive their JSON-RPC error before the listener closes.
      Thread.sleep(2_000);
      spec.commandLine().getErr().println("mcp-bridge: the MCP server exited with code " + code);
      return 1;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try {
      if (colon > 0) {
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "--listen: '" + hostPort + "' is not HOST:PORT, e.g. 127.0.0.1:8931");
  }
}
