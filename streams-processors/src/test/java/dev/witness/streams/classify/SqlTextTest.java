package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void semicolonsEndStatementsOnlyOutsideQuotesCommentsBodiesAndParentheses() {
    assertThat(SqlText.statements("SELECT 1; DROP TABLE t;")).containsExactly("SELECT 1", "DROP TABLE t");
    assertThat(SqlText.statements("SELECT ';'; SELECT \";\" FROM t")).containsExactly("SELECT ';'", "SELECT \";\" FROM t");
    assertThat(SqlText.statements("SELECT 'it''s; fine'")).containsExactly("SELECT 'it''s; fine'");
    assertThat(SqlText.statements("SELECT E'\\'; DROP TABLE t; --'")).containsExactly("SELECT E'\\'; DROP TABLE t; --'");
    assertThat(SqlText.statements("DO $$ BEGIN DROP TABLE t; END $$; SELECT 1"))
        .containsExactly("DO $$ BEGIN DROP TABLE t; END $$", "SELECT 1");
    assertThat(SqlText.statements("CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $$ $fn$ LANGUAGE sql"))
        .hasSize(1);
    assertThat(SqlText.statements("SELECT 1 -- ; DROP TABLE t\n")).containsExactly("SELECT 1 -- ; DROP TABLE t");
    assertThat(SqlText.statements("SELECT 1 /* a /* nested; */ still comment; */")).hasSize(1);
    assertThat(SqlText.statements("CREATE RULE r AS ON INSERT TO t DO ALSO (DELETE FROM u; DELETE FROM v)")).hasSize(1);
  }

  @Test
  void commentOnlyAndEmptyStatementsAreDropped() {
    assertThat(SqlText.statements(";; -- nothing\n; /* none */")).isEmpty();
    assertThat(SqlText.statements("")).isEmpty();
  }

  @Test
  void aParameterIsNotADollarQuote() {
    assertThat(SqlText.statements("SELECT $1; DELETE FROM t WHERE id = $2")).hasSize(2);
    assertThat(SqlText.statements("SELECT a$b$ FROM t; SELECT 2")).hasSize(2);
  }

  @Test
  void wordsSkipCommentsStringsAndQuotedIdentifiers() {
    assertThat(SqlText.words("/* DROP */ copy \"FROM PROGRAM\" -- TO\n FROM 'PROGRAM'"))
        .containsExactly("COPY", "FROM");
  }

  @Test
  void dollarBodiesAreFound() {
    assertThat(SqlText.dollarBodies("DO $body$ BEGIN GRANT ALL ON t TO r; END $body$"))
        .containsExactly(" BEGIN GRANT ALL ON t TO r; END ");
  }

  @Test
  void anUnterminatedQuoteRunsToTheEnd() {
    assertThat(SqlText.statements("SELECT 'open; DROP TABLE t")).hasSize(1);
    assertThat(SqlText.statements("SELECT $$open; DROP TABLE t")).hasSize(1);
  }
}
