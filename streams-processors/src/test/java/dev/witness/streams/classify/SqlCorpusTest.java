package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.classify.bench.SqlCorpus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's corpus is what it claims: 1,000 distinct statements of every shape, all classified. */
class SqlCorpusTest {

  @Test
  void theAgentCorpusHasAThousandDistinctTextsOfAFewDozenShapes() {
    List<String> corpus = SqlCorpus.agentTraffic(1_000, 20_260_101L);

    assertThat(new HashSet<>(corpus)).hasSize(1_000);
    assertThat(SqlCorpus.agentTraffic(1_000, 20_260_101L)).isEqualTo(corpus);
    // Shapes of texts with literals; a template without any (ALTER TABLE t ADD COLUMN c text) is its own text.
    assertThat(corpus.stream().map(SqlShape::of).filter(java.util.Objects::nonNull).collect(Collectors.toSet()))
        .hasSizeBetween(10, SqlCorpus.SHAPES);
    assertThat(corpus.stream().map(SqlClassifier::classifyWithoutCache).map(ClassifiedRequest::kind))
        .doesNotContain(RequestKind.UNPARSEABLE).contains(RequestKind.READ, RequestKind.DML);
  }

  @Test
  void theCorpusHasAThousandDistinctStatementsOfEveryKindThatAllParse() {
    List<String> corpus = SqlCorpus.statements(1_000, 20_260_101L);

    assertThat(corpus).hasSize(1_000);
    assertThat(new HashSet<>(corpus)).hasSize(1_000);
    assertThat(SqlCorpus.statements(1_000, 20_260_101L)).isEqualTo(corpus);
    Map<RequestKind, Long> kinds = corpus.stream().map(SqlClassifier::classifyWithoutCache)
        .collect(Collectors.groupingBy(ClassifiedRequest::kind, Collectors.counting()));
    assertThat(kinds).containsKeys(RequestKind.READ, RequestKind.DML, RequestKind.DDL);
    assertThat(kinds.get(RequestKind.READ)).isGreaterThan(400);
    Map<RiskLevel, Long> risks = corpus.stream().map(SqlClassifier::classifyWithoutCache)
        .collect(Collectors.groupingBy(ClassifiedRequest::risk, Collectors.counting()));
    assertThat(risks).containsKeys(RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH);
    assertThat(kinds).as("every statement, BEGIN and COMMIT included, is classified").doesNotContainKey(
        RequestKind.UNPARSEABLE);
    assertThat(corpus).filteredOn(sql -> sql.startsWith("BEGIN;")).isNotEmpty().allSatisfy(sql -> {
      ClassifiedRequest c = SqlClassifier.classifyWithoutCache(sql);
      assertThat(c.sql().commands()).containsExactly("BEGIN", "UPDATE", "COMMIT");
      assertThat(c.kind()).isEqualTo(RequestKind.DML);
    });
  }
}
