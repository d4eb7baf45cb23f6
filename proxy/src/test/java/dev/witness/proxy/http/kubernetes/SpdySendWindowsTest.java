package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpdySendWindowsTest {

  @Test
  void aStreamMaySendTheSmallerOfItsWindowAndTheSessions() {
    SpdySendWindows w = new SpdySendWindows();
    w.open(1);
    w.open(3);
    assertThat(w.sendable(1)).isEqualTo(65536);

    w.sent(1, 60000);
    assertThat(w.sendable(1)).isEqualTo(5536);
    assertThat(w.sendable(3)).as("the session window is shared").isEqualTo(5536);

    w.onWindowUpdate(1, 1000);
    assertThat(w.sendable(1)).as("the session still limits").isEqualTo(5536);
    w.onWindowUpdate(0, 60000);
    assertThat(w.sendable(1)).isEqualTo(6536);
    assertThat(w.sendable(3)).isEqualTo(65536);
  }

  @Test
  void initialWindowSizeMovesOpenStreamsAndFutureOnes() {
    SpdySendWindows w = new SpdySendWindows();
    w.open(1);
    w.sent(1, 1000);
    w.onInitialWindowSize(1024);
    w.open(3);

    assertThat(w.sendable(1)).as("64 KiB - 1000 shifted by 1024 - 64 KiB").isEqualTo(24);
    assertThat(w.sendable(3)).isEqualTo(1024);
  }

  @Test
  void aShrunkWindowGoesNegativeAndAllowsNothingUntilWidened() {
    SpdySendWindows w = new SpdySendWindows();
    w.open(1);
    w.sent(1, 5000);
    w.onInitialWindowSize(1000);
    assertThat(w.sendable(1)).isZero();
    w.onWindowUpdate(1, 4500);
    assertThat(w.sendable(1)).isEqualTo(500);
  }

  @Test
  void aWaivedPeerIsNeverWaitedFor() {
    SpdySendWindows w = new SpdySendWindows();
    w.open(1);
    w.sent(1, 65536);
    assertThat(w.sendable(1)).isZero();
    assertThat(w.granted()).isFalse();

    w.waive();
    assertThat(w.waived()).isTrue();
    assertThat(w.sendable(1)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void anUpdateForAnUnknownStreamIsIgnoredButCountsAsAGrant() {
    SpdySendWindows w = new SpdySendWindows();
    w.onWindowUpdate(7, 100);
    w.open(7);
    assertThat(w.sendable(7)).isEqualTo(65536);
    assertThat(w.granted()).isTrue();
  }

  /** Whatever is sent within sendable(), and granted back, never exceeds what the peer allowed. */
  @Property
  void sendingWithinSendableNeverOverrunsThePeer(@ForAll @Size(max = 50) List<@IntRange(min = 1, max = 40000) Integer> sends) {
    SpdySendWindows w = new SpdySendWindows();
    w.open(1);
    long allowedTotal = 65536;
    long sentTotal = 0;
    for (int want : sends) {
      int n = Math.min(want, w.sendable(1));
      w.sent(1, n);
      sentTotal += n;
      assertThat(sentTotal).isLessThanOrEqualTo(allowedTotal);
      // The peer consumes and grants back half of what it got, on the stream and the session.
      int grant = n / 2;
      if (grant > 0) {
        w.onWindowUpdate(1, grant);
        w.onWindowUpdate(0, grant);
        allowedTotal += grant;
      }
    }
    assertThat(w.sendable(1)).isEqualTo((int) (allowedTotal - sentTotal));
  }
}
