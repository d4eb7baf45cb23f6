package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the shape of a statement keeps and what it replaces. */
class SqlShapeTest {

  @Test
  void plainStringsNumbersAndCommentsAreReplacedWhileNamesAndCastsStay() {
    String shape = SqlShape.of("/* agent 7 */ SELECT \"Col 1\", t2.x FROM t2 WHERE a = 'x' AND b = 42.5 AND c = $1"
        + " AND d = '7'::int -- 'comment'\n");

    assertThat(shape).isEqualTo("  SELECT \"Col 1\", t2.x FROM t2 WHERE a = \0s AND b = \0d AND c = $1"
        + " AND d = \0s::int  ");
    assertThat(SqlShape.of("SELECT * FROM t WHERE a = 'it''s' LIMIT 5"))
        .isEqualTo(SqlShape.of("SELECT * FROM t WHERE a = 'other' LIMIT 10"));
  }

  @Test
  void dollarQuotedBodiesStayAsWritten() {
    assertThat(SqlShape.of("SELECT $$DROP TABLE a$$, 1")).isEqualTo("SELECT $$DROP TABLE a$$, \0i");
    assertThat(SqlShape.of("SELECT $t$DROP TABLE a$t$, 1")).isNotEqualTo(SqlShape.of("SELECT $t$DROP TABLE b$t$, 1"));
  }

  @Test
  void statementsWhoseStringsCanBeCodeHaveNoShape() {
    assertThat(SqlShape.of("DO 'BEGIN DROP TABLE customers; END'")).isNull();
    assertThat(SqlShape.of("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql")).isNull();
    assertThat(SqlShape.of("PREPARE p AS SELECT 1")).isNull();
  }

  @Test
  void literalsAParserMightReadDifferentlyStayAsWritten() {
    assertThat(SqlShape.of("SELECT E'a', 1")).isEqualTo("SELECT E'a', \0i");
    assertThat(SqlShape.of("SELECT 1e5, 0x1F, 123456789012345678901, 1")).isEqualTo(
        "SELECT 1e5, 0x1F, 123456789012345678901, \0i");
    assertThat(SqlShape.of("SELECT 'a\\', 1")).isNull();
    assertThat(SqlShape.of("SELECT 'unterminated, 1")).isNull();
    assertThat(SqlShape.of("SELECT * FROM t")).as("nothing to replace").isNull();
  }
}
