package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SqlClassifierProperties {

  @Property(tries = 300)
  void anyStringGetsAClassificationAndWhatDoesNotParseIsHighRisk(@ForAll String sql) {
    ClassifiedRequest c = SqlClassifier.classify(sql);

    assertThat(c.sql()).isNotNull();
    if (c.kind() == RequestKind.UNPARSEABLE) {
      assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    }
  }

  @Property
  void aDeleteOrUpdateWithoutWhereIsAlwaysHighRisk(
      @ForAll("identifiers") String table, @ForAll("identifiers") String column, @ForAll boolean update) {
    String sql = update ? "UPDATE " + table + " SET " + column + " = NULL" : "DELETE FROM " + table;

    ClassifiedRequest c = SqlClassifier.classify(sql);

    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().hasWhere()).isFalse();
    assertThat(c.sql().tables()).containsExactly(table);
  }

  @Property
  void aWhereOnAColumnMakesADeleteMediumRisk(
      @ForAll("identifiers") String table, @ForAll("identifiers") String column, @ForAll int value) {
    ClassifiedRequest c = SqlClassifier.classify("DELETE FROM " + table + " WHERE " + column + " = " + value);

    assertThat(c.risk()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(c.sql().hasWhere()).isTrue();
    assertThat(c.sql().columns()).contains(column);
  }

  @Property
  void commentsAroundAStatementChangeNothing(@ForAll("statements") String sql, @ForAll("comments") String comment) {
    ClassifiedRequest plain = SqlClassifier.classify(sql);
    ClassifiedRequest commented = SqlClassifier.classify(comment + sql + " /* trailing */");

    assertThat(commented.kind()).isEqualTo(plain.kind());
    assertThat(commented.risk()).isEqualTo(plain.risk());
    assertThat(commented.sql().tables()).isEqualTo(plain.sql().tables());
  }

  @Property
  void appendingADropToAnyStatementMakesTheStringHighRisk(@ForAll("statements") String sql, @ForAll("identifiers") String table) {
    ClassifiedRequest c = SqlClassifier.classify(sql + "; DROP TABLE " + table);

    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.kind()).isIn(RequestKind.DDL, RequestKind.DCL, RequestKind.UNPARSEABLE);
  }

  @Property
  void maskedSqlNeverShowsItsStringLiterals(@ForAll("identifiers") String table, @ForAll("secrets") String secret) {
    String masked = SqlLiteralMasker.mask("SELECT * FROM " + table + " WHERE email = '" + secret.replace("'", "''")
        + "' AND note = E'" + secret.replace("'", "\\'") + "' AND x = $q$" + secret.replace("$", "") + "$q$");

    assertThat(masked).doesNotContain(secret).contains(table);
  }

  @Provide
  Arbitrary<String> identifiers() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12)
        .filter(s -> !SqlKeywords.isReserved(s));
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('@', '.', '\'', ' ', '$').ofMinLength(6).ofMaxLength(30)
        .filter(s -> s.chars().filter(Character::isLetterOrDigit).count() >= 6);
  }

  @Provide
  Arbitrary<String> comments() {
    return Arbitraries.of("", "/* note */ ", "-- line comment\n", "/* multi\nline */\n");
  }

  @Provide
  Arbitrary<String> statements() {
    return Arbitraries.of(
        "SELECT * FROM customers",
        "SELECT id FROM orders WHERE id = 1 LIMIT 1",
        "INSERT INTO orders (id) VALUES (1)",
        "UPDATE orders SET total = 1 WHERE id = 2",
        "DELETE FROM orders",
        "ALTER TABLE customers ADD COLUMN note text",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x");
  }
}
