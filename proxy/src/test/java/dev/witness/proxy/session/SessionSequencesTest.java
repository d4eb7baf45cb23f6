package dev.witness.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionSequencesTest {

  @Test
  void countsPerSessionFromZero() {
    SessionSequences seq = SessionSequences.isolated(10);
    assertThat(seq.next("a")).isZero();
    assertThat(seq.next("a")).isEqualTo(1);
    assertThat(seq.next("b")).isZero();
    assertThat(seq.next("a")).isEqualTo(2);
  }

  @Test
  void dropsLeastRecentlyUsedBeyondTheBound() {
    SessionSequences seq = SessionSequences.isolated(2);
    seq.next("a");
    seq.next("b");
    seq.next("a");
    seq.next("c");
    assertThat(seq.size()).isEqualTo(2);
    assertThat(seq.next("b")).isZero();
    assertThat(seq.next("c")).isEqualTo(1);
  }

  @Test
  void forgetRestartsASession() {
    SessionSequences seq = SessionSequences.isolated(10);
    seq.next("a");
    seq.forget("a");
    assertThat(seq.next("a")).isZero();
  }

  @Test
  void listenersOfOneProcessShareAJoinedSession() {
    // The HTTP and PostgreSQL listeners each make their own; a session named on both stays one sequence.
    SessionSequences http = new SessionSequences(100);
    SessionSequences postgres = new SessionSequences(100);
    String joined = "agent-run-" + java.util.UUID.randomUUID();
    assertThat(http.next(joined)).isZero();
    assertThat(postgres.next(joined)).isEqualTo(1);
    assertThat(http.next(joined)).isEqualTo(2);
    postgres.forget(joined);
    assertThat(http.next(joined)).isZero();
  }
}
