package dev.witness.proxy.http.kubernetes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's side of one exec over SPDY/3.1 in the remote-command protocol v4, behind
 * Netty's SPDY session handler (which keeps the flow-control windows like a strict peer): the client
 * opens one stream per {@code streamtype}; once every stream the query asked for is open, the
 * command runs. {@code cat /customers.txt} prints a synthetic SSN and a warning, {@code rows N}
 * prints N 32-byte lines each holding an SSN, in 16 KiB frames, {@code fail} ends with exit code 3, and {@code cat} with stdin
 * echoes stdin until the client closes it; an attach prints one line of the main process's output. The exit status ends the session as a v4 Status on the
 * error stream.
 */
final class SpdyExecSession extends ChannelInboundHandlerAdapter {

  private final List<String> command;
  private final Set<String> expected = new HashSet<>();
  private final Map<String, Integer> streams = new HashMap<>();
  private final List<String> stdinSeen;
  private boolean started;
  private boolean done;

  private SpdyExecSession(List<String> command, Set<String> expected, List<String> stdinSeen) {
    this.command = command;
    this.expected.addAll(expected);
    this.stdinSeen = stdinSeen;
  }

  /** The session for {@code uri} ({@code /api/v1/namespaces/<ns>/pods/<pod>/exec?command=...&stdout=true}). */
  static SpdyExecSession forUri(String uri, List<String> stdinSeen) {
    List<String> command = new ArrayList<>();
    Set<String> expected = new HashSet<>(Set.of("error"));
    URI parsed = URI.create(uri);
    if (parsed.getPath().endsWith("/attach")) {
      command.add("attached"); // the container's main process, already running
    }
    String query = parsed.getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (name.equals("command")) {
        command.add(value);
      } else if (List.of("stdin", "stdout", "stderr").contains(name) && (value.equals("true") || value.equals("1"))) {
        expected.add(name);
      }
    }
    return new SpdyExecSession(command, expected, stdinSeen);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof SpdySynStreamFrame syn) {
        String type = syn.headers().getAsString("streamtype");
        streams.put(type, syn.streamId());
        // An empty reply header block is written as no bytes, which Go's framer cannot read.
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
        reply.headers().set("streamtype", type);
        ctx.writeAndFlush(reply);
        if (!started && streams.keySet().containsAll(expected)) {
          started = true;
          run(ctx);
        }
      } else if (msg instanceof SpdyDataFrame data && Integer.valueOf(data.streamId()).equals(streams.get("stdin"))) {
        String text = data.content().toString(StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
          stdinSeen.add(text);
          write(ctx, "stdout", text, false);
        }
        if (data.isLast()) {
          finish(ctx, 0);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void run(ChannelHandlerContext ctx) {
    String program = command.isEmpty() ? "" : command.get(0);
    if (program.equals("cat") && command.size() == 1 && expected.contains("stdin")) {
      return; // echoes stdin until it closes
    }
    switch (program) {
      case "cat" -> {
        write(ctx, "stdout", "customer ssn 123-45-6789\n", false);
        write(ctx, "stderr", "warning: stand-in shell\n", false);
        finish(ctx, 0);
      }
      case "rows" -> {
        int n = Integer.parseInt(command.get(1));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
          // 32-byte lines, 16 KiB frames: the 64 KiB windows hold whole frames, so none is split.
          out.append(String.format("row %05d ssn 123-45-6789 paddd\n", i));
          if (out.length() == 16 * 1024) {
            write(ctx, "stdout", out.toString(), false);
            out.setLength(0);
          }
        }
        write(ctx, "stdout", out.toString(), false);
        finish(ctx, 0);
      }
      case "attached" -> {
        write(ctx, "stdout", "worker processed customer ssn 987-65-4321\n", false);
        finish(ctx, 0);
      }
      case "fail" -> {
        write(ctx, "stderr", "boom 555-66-7777\n", false);
        finish(ctx, 3);
      }
      default -> {
        write(ctx, "stderr", "sh: " + program + ": not found\n", false);
        finish(ctx, 127);
      }
    }
  }

  private void finish(ChannelHandlerContext ctx, int exitCode) {
    if (done) {
      return;
    }
    done = true;
    write(ctx, "error", status(exitCode), true);
    for (String type : List.of("stdout", "stderr")) {
      if (streams.containsKey(type)) {
        ctx.write(new DefaultSpdyDataFrame(streams.get(type)).setLast(true));
      }
    }
    ctx.flush();
  }

  private void write(ChannelHandlerContext ctx, String type, String text, boolean last) {
    Integer id = streams.get(type);
    if (id == null || text.isEmpty() && !last) {
      return;
    }
    ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    ctx.writeAndFlush(new DefaultSpdyDataFrame(id, bytes).setLast(last));
  }

  /** The v4 error-stream Status: Success, or NonZeroExitCode carrying the code. */
  private static String status(int exitCode) {
    if (exitCode == 0) {
      return "{\"metadata\":{},\"status\":\"Success\"}";
    }
    return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code\","
        + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
        + exitCode + "\"}]}}";
  }
}
