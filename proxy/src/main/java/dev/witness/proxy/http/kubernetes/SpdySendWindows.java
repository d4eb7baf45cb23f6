package dev.witness.proxy.http.kubernetes;

import java.util.HashMap;
import java.util.Map;

/**
 * The SPDY/3.1 send windows of one leg of a relayed session: how many DATA bytes Witness may
 * still send to that peer on the session (stream 0) and on each stream. Each starts at 64 KiB; the
 * peer widens them with WINDOW_UPDATE and moves every stream's start with SETTINGS
 * INITIAL_WINDOW_SIZE (a change that also shifts open streams, so a window may go negative).
 * Witness masks output, so the bytes it sends on a leg differ from what it received on the other:
 * each leg's windows are kept apart and never copied across.
 *
 * <p>A peer that never sent a WINDOW_UPDATE may not practise flow control at all (Go's spdystream,
 * under kubectl and the API server, neither sends nor checks them): {@link #waive()} stops
 * enforcing its windows once the relay has waited long enough for one.
 *
 * <p>Not thread-safe: one relay's event loop uses it.
 */
public final class SpdySendWindows {

  /** The initial session and stream window of SPDY/3.1. */
  public static final int DEFAULT_WINDOW = 64 * 1024;

  private final Map<Integer, Long> streams = new HashMap<>();
  private long session = DEFAULT_WINDOW;
  private long initial = DEFAULT_WINDOW;
  private boolean granted;
  private boolean waived;

  /** Opens {@code streamId}'s window at the current initial size (no-op when already open). */
  public void open(int streamId) {
    streams.putIfAbsent(streamId, initial);
  }

  /** Forgets {@code streamId} (closed both ways or reset). */
  public void close(int streamId) {
    streams.remove(streamId);
  }

  /** How many bytes may be sent on {@code streamId} now: the smaller of its window and the session's, at least 0. */
  public int sendable(int streamId) {
    if (waived) {
      return Integer.MAX_VALUE;
    }
    long stream = streams.getOrDefault(streamId, initial);
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.min(stream, session)));
  }

  /** {@code bytes} of DATA were sent on {@code streamId}. */
  public void sent(int streamId, int bytes) {
    session -= bytes;
    streams.put(streamId, streams.getOrDefault(streamId, initial) - bytes);
  }

  /** The peer's WINDOW_UPDATE: stream 0 widens the session window, any other stream its own. */
  public void onWindowUpdate(int streamId, int delta) {
    granted = true;
    if (streamId == 0) {
      session += delta;
    } else if (streams.containsKey(streamId)) {
      streams.put(streamId, streams.get(streamId) + delta);
    }
  }

  /** The peer's SETTINGS INITIAL_WINDOW_SIZE: future streams start there, open ones shift by the change. */
  public void onInitialWindowSize(int size) {
    long delta = size - initial;
    initial = size;
    streams.replaceAll((id, window) -> window + delta);
  }

  /** Whether the peer ever sent a WINDOW_UPDATE (so it practises flow control). */
  public boolean granted() {
    return granted;
  }

  /** Stops enforcing these windows: the peer does not practise flow control. */
  public void waive() {
    waived = true;
  }

  /** Whether {@link #waive()} was called. */
  public boolean waived() {
    return waived;
  }
}
