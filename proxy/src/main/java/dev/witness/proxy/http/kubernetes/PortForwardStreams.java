package dev.witness.proxy.http.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a port-forward session (SPDY/3.1 frames, tunnelled in WebSocket messages or on an
 * upgraded connection) from copies of both directions' bytes, and describes what the evidence
 * keeps of it: each stream's open (stream type, pod port, request id) and close (how, and the
 * bytes each way). Forwarded TCP data is counted, never kept: it is the pod's own protocol, which
 * masking cannot rewrite without breaking it. Bytes that are not SPDY end the session (fail closed).
 *
 * <p>Not thread-safe: one relay's event loop feeds it.
 */
public final class PortForwardStreams implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One SPDY stream: a pod port's data or error stream of one forwarded connection. */
  private static final class Stream {
    final int id;
    final String type;
    final String port;
    final String requestId;
    long toCluster;
    long toAgent;
    boolean agentDone;
    boolean clusterDone;

    Stream(int id, String type, String port, String requestId) {
      this.id = id;
      this.type = type;
      this.port = port;
      this.requestId = requestId;
    }
  }

  private final EmbeddedChannel fromAgent = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final EmbeddedChannel fromCluster = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final Map<Integer, Stream> streams = new LinkedHashMap<>();
  private long totalToCluster;
  private long totalToAgent;

  /**
   * Decodes a copy of {@code bytes} (not consumed, not released) sent by the agent or the
   * cluster and returns the records (JSON) of the streams this opened or closed, in order.
   *
   * @throws IllegalArgumentException when the bytes are not SPDY/3.1 frames
   */
  public List<String> onBytes(boolean agentSent, ByteBuf bytes) {
    EmbeddedChannel decoder = agentSent ? fromAgent : fromCluster;
    List<String> records = new ArrayList<>();
    try {
      decoder.writeInbound(bytes.retainedDuplicate());
    } catch (Exception e) {
      // The embedded channel rethrows the codec's checked SpdyProtocolException undeclared.
      throw new IllegalArgumentException("not a SPDY/3.1 port-forward stream: " + e.getMessage(), e);
    }
    Object frame;
    while ((frame = decoder.readInbound()) != null) {
      try {
        onFrame(agentSent, frame, records);
      } finally {
        ReferenceCountUtil.release(frame);
      }
    }
    return records;
  }

  /** Records of the streams still open when the session ends, then the session's totals. */
  public List<String> onSessionEnd() {
    List<String> records = new ArrayList<>();
    for (Stream s : List.copyOf(streams.values())) {
      records.add(close(s, "session-ended"));
    }
    ObjectNode total = JSON.createObjectNode().put("event", "session-end")
        .put("bytesToCluster", totalToCluster).put("bytesToAgent", totalToAgent);
    records.add(total.toString());
    return records;
  }

  private void onFrame(boolean agentSent, Object frame, List<String> records) {
    if (frame instanceof SpdySynStreamFrame syn) {
      Stream s = new Stream(syn.streamId(), syn.headers().getAsString("streamtype"),
          syn.headers().getAsString("port"), syn.headers().getAsString("requestid"));
      streams.put(s.id, s);
      records.add(describe("open", s).put("openedBy", agentSent ? "agent" : "cluster").toString());
      finish(agentSent, s, syn.isLast(), records);
    } else if (frame instanceof SpdyDataFrame data) {
      int n = data.content().readableBytes();
      Stream s = streams.get(data.streamId());
      if (agentSent) {
        totalToCluster += n;
      } else {
        totalToAgent += n;
      }
      if (s != null) {
        if (agentSent) {
          s.toCluster += n;
        } else {
          s.toAgent += n;
        }
        finish(agentSent, s, data.isLast(), records);
      }
    } else if (frame instanceof SpdyRstStreamFrame rst) {
      Stream s = streams.get(rst.streamId());
      if (s != null) {
        records.add(close(s, "reset by " + (agentSent ? "agent" : "cluster") + ": " + rst.status()));
      }
    } else if (frame instanceof SpdyStreamFrame other) {
      // SYN_REPLY and HEADERS may carry FIN too.
      Stream s = streams.get(other.streamId());
      if (s != null) {
        finish(agentSent, s, other.isLast(), records);
      }
    }
  }

  private void finish(boolean agentSent, Stream s, boolean fin, List<String> records) {
    if (!fin) {
      return;
    }
    if (agentSent) {
      s.agentDone = true;
    } else {
      s.clusterDone = true;
    }
    if (s.agentDone && s.clusterDone) {
      records.add(close(s, "closed"));
    }
  }

  private String close(Stream s, String how) {
    streams.remove(s.id);
    return describe("close", s).put("how", how).put("bytesToCluster", s.toCluster).put("bytesToAgent", s.toAgent)
        .toString();
  }

  private static ObjectNode describe(String event, Stream s) {
    ObjectNode node = JSON.createObjectNode().put("event", event).put("streamId", s.id);
    node.put("streamType", s.type).put("port", s.port).put("requestId", s.requestId);
    return node;
  }

  @Override
  public void close() {
    fromAgent.finishAndReleaseAll();
    fromCluster.finishAndReleaseAll();
  }
}
