package dev.witness.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionSequencesTest {

  @Test
  void countsPerSessionFromZero() {
    SessionSequences seq = new SessionSequences(10);
    assertThat(seq.next("a")).isZero();
    assertThat(seq.next("a")).isEqualTo(1);
    assertThat(seq.next("b")).isZero();
    assertThat(seq.next("a")).isEqualTo(2);
  }

  @Test
  void dropsLeastRecentlyUsedBeyondTheBound() {
    SessionSequences seq = new SessionSequences(2);
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
    SessionSequences seq = new SessionSequences(10);
    seq.next("a");
    seq.forget("a");
    assertThat(seq.next("a")).isZero();
  }
}
