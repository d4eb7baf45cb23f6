package dev.witness.streams.masking.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingMatch;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonMaskerTest {

  private static String mask(MaskingPlan plan, String json, MaskingTally tally) {
    Optional<byte[]> out = JsonMasker.mask(plan, json.getBytes(StandardCharsets.UTF_8), tally);
    return out.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
  }

  @Test
  void masksDetectedValuesInNestedObjectsAndArraysKeepingStructure() {
    MaskingTally tally = new MaskingTally();
    String out = mask(MaskingFixtures.defaults(),
        "{\"customers\":[{\"id\":7,\"email\":\"jane@example.com\",\"card\":4111111111111111,"
            + "\"note\":\"call 415-555-2671\",\"ok\":true,\"none\":null}]}", tally);
    assertThat(out).isEqualTo("{\"customers\":[{\"id\":7,\"email\":\"[EMAIL]\",\"card\":\"************1111\","
        + "\"note\":\"call [PHONE]\",\"ok\":true,\"none\":null}]}");
    assertThat(tally.toList()).extracting(MaskingApplied::getField)
        .containsExactly("$.customers[*].email", "$.customers[*].card", "$.customers[*].note");
  }

  @Test
  void fieldRulesMatchByPathOrKeyName() {
    MaskingPlan plan = MaskingFixtures.plan(List.of(
        new MaskingRule("r1", MaskingMatch.any(), List.of("$.customers[*].name"), null, "token"),
        new MaskingRule("r2", MaskingMatch.any(), List.of("city"), null, "null")), Map.of(), null);
    MaskingTally tally = new MaskingTally();
    String out = mask(plan, "{\"customers\":[{\"name\":\"Jane Doe\",\"addr\":{\"city\":\"Leeds\"}}],\"name\":\"Top\"}", tally);
    assertThat(out).matches("\\{\"customers\":\\[\\{\"name\":\"tok_masked_[0-9a-f]{16}\",\"addr\":\\{\"city\":null}}],"
        + "\"name\":\"Top\"}");
    assertThat(tally.toList()).extracting(MaskingApplied::getDetector).containsOnly("rule");
  }

  @Test
  void tenThousandLevelsOfNestingAreUnparseableNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "\"jane@example.com\"" + "]".repeat(10_000);
    assertThat(mask(MaskingFixtures.defaults(), deep, new MaskingTally())).isNull();
  }

  @Test
  void invalidUtf8AndTruncatedJsonAreUnparseable() {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(JsonMasker.mask(MaskingFixtures.defaults(), bad, new MaskingTally())).isEmpty();
    assertThat(mask(MaskingFixtures.defaults(), "{\"a\":[1,2", new MaskingTally())).isNull();
  }

  @Test
  void aTenMegabyteFieldIsMasked() {
    String big = "x".repeat(10 * 1024 * 1024) + " jane@example.com";
    String out = mask(MaskingFixtures.defaults(), "{\"blob\":\"" + big + "\"}", new MaskingTally());
    assertThat(out).endsWith(" [EMAIL]\"}").doesNotContain("jane@");
  }
}
