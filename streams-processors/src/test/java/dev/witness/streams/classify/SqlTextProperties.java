package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a string literal, dollar-quoted body or comment holds, it never becomes a statement. */
class SqlTextProperties {

  @Property(tries = 300)
  void quotedTextNeverEndsAStatement(@ForAll("hostile") String text) {
    String literal = "SELECT '" + text.replace("'", "''") + "' AS x";
    // Without '$' (or '*') the body cannot hold the closing tag (or a comment's end or nested start).
    String dollar = "SELECT $w$" + text.replace("$", "") + "$w$ AS x";
    String block = "SELECT 1 /* " + text.replace("*", "") + " */";
    String line = "SELECT 1 -- " + text.replace("\n", " ").replace("\r", " ") + "\n";

    for (String sql : new String[] {literal, dollar, block, line}) {
      assertThat(SqlText.statements(sql)).as(sql).hasSize(1);
      ClassifiedRequest c = SqlClassifier.classifyWithoutCache(sql);
      assertThat(c.kind()).as(sql).isIn(RequestKind.READ, RequestKind.UNPARSEABLE);
    }
  }

  @Property(tries = 200)
  void aStatementAfterQuotedTextIsAlwaysSeen(@ForAll("hostile") String text) {
    String sql = "SELECT '" + text.replace("'", "''") + "'; DROP TABLE payroll";

    ClassifiedRequest c = SqlClassifier.classifyWithoutCache(sql);

    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().statementCount()).isEqualTo(2);
    assertThat(c.sql().tables()).contains("payroll");
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars(';', '\'', '"', '$', '-', '/', '*', '(', ')', '\n', 'E', 'w', ' ')
            .ofMaxLength(30).map(s -> s + "; DROP TABLE payroll; --"));
  }
}
