package dev.witness.evidence.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.api.PageCursor.EventPosition;
import dev.witness.evidence.api.PageCursor.SessionPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void positionsRoundTrip() {
    SessionPosition s = new SessionPosition(Instant.parse("2025-03-01T10:00:00.123456Z"), "sess|with|bars");
    assertThat(PageCursor.session(PageCursor.encode(s))).isEqualTo(s);
    EventPosition e = new EventPosition(7, 4, 3, 1234567890123L);
    assertThat(PageCursor.event(PageCursor.encode(e))).isEqualTo(e);
  }

  @Test
  void foreignOrBrokenTokensAreBadCursorParameters() {
    String eventToken = PageCursor.encode(new EventPosition(0, 0, 0, 1));
    assertThatThrownBy(() -> PageCursor.session(eventToken)).isInstanceOf(ApiProblem.class)
        .satisfies(e -> assertThat(((ApiProblem) e).problem().status()).isEqualTo(400))
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> PageCursor.event("!!not base64!!")).isInstanceOf(ApiProblem.class);
    assertThatThrownBy(() -> PageCursor.event("ZXx4fHk")).isInstanceOf(ApiProblem.class);
  }
}
