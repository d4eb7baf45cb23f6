package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MrkdwnProperties {

  @Property
  void escapedTextHasNoControlCharacters(@ForAll String text) {
    String escaped = Mrkdwn.escape(text);

    assertThat(escaped).doesNotContain("<").doesNotContain(">");
    assertThat(escaped.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&");
  }

  @Property
  void aCodeBlockFitsItsLimitAndCannotBeClosedEarly(@ForAll String text, @ForAll @IntRange(min = 80, max = 3000) int max) {
    String block = Mrkdwn.codeBlock(text, max);

    assertThat(block.length()).isLessThanOrEqualTo(max);
    assertThat(block).startsWith("```").endsWith("```");
    assertThat(block.substring(3, block.length() - 3)).doesNotContain("```").doesNotContain("<");
  }
}
