package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlClassifierTest {

  private static ClassifiedRequest classify(String sql) {
    return SqlClassifier.classify(sql);
  }

  @Test
  void aSelectReadsItsTablesAndColumns() {
    ClassifiedRequest c = classify("SELECT c.email, name FROM public.Customers c JOIN orders o ON o.customer_id = c.id "
        + "WHERE o.total > 10 LIMIT 5");

    assertThat(c.kind()).isEqualTo(RequestKind.READ);
    assertThat(c.risk()).isEqualTo(RiskLevel.LOW);
    assertThat(c.sql().commands()).containsExactly("SELECT");
    assertThat(c.sql().tables()).containsExactlyInAnyOrder("customers", "orders");
    assertThat(c.sql().qualifiedTables()).containsExactlyInAnyOrder("public.customers", "orders");
    assertThat(c.sql().columns()).contains("email", "name", "customer_id", "id", "total");
    assertThat(c.sql().hasLimit()).isTrue();
    assertThat(c.sql().statementCount()).isEqualTo(1);
    assertThat(c.sql().parseError()).isNull();
  }

  @Test
  void aSelectWithoutLimitSaysSo() {
    assertThat(classify("SELECT * FROM customers").sql().hasLimit()).isFalse();
    assertThat(classify("SELECT * FROM customers FETCH FIRST 3 ROWS ONLY").sql().hasLimit()).isTrue();
  }

  @Test
  void alterTableIsHighRiskDdlNamingTheColumn() {
    ClassifiedRequest c = classify("ALTER TABLE customers DROP COLUMN email");

    assertThat(c.kind()).isEqualTo(RequestKind.DDL);
    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().tables()).containsExactly("customers");
    assertThat(c.sql().columns()).containsExactly("email");
    assertThat(c.sql().commands()).containsExactly("ALTER TABLE");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DELETE FROM orders                               | false | HIGH",
      "DELETE FROM orders WHERE true                    | false | HIGH",
      "DELETE FROM orders WHERE 1 = 1                   | false | HIGH",
      "delete from orders where 'a' = 'a'               | false | HIGH",
      "DELETE FROM orders WHERE id = 7                  | true  | MEDIUM",
      "UPDATE orders SET total = 0                      | false | HIGH",
      "UPDATE orders SET total = 0 WHERE id IN (1, 2)   | true  | MEDIUM",
      "INSERT INTO orders (id, total) VALUES (1, 2)     | true  | MEDIUM"})
  void writesWithoutAnEffectiveWhereAreHighRisk(String sql, boolean hasWhere, RiskLevel risk) {
    ClassifiedRequest c = classify(sql);

    assertThat(c.kind()).isEqualTo(RequestKind.DML);
    assertThat(c.sql().hasWhere()).isEqualTo(hasWhere);
    assertThat(c.risk()).isEqualTo(risk);
    assertThat(c.sql().tables()).containsExactly("orders");
  }

  @Test
  void aDeleteHiddenInACteIsNotARead() {
    ClassifiedRequest c = classify("WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone");

    assertThat(c.kind()).isNotEqualTo(RequestKind.READ);
    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void theRiskiestStatementOfAMultiStatementStringDecides() {
    ClassifiedRequest c = classify("SELECT 1; DROP TABLE customers; SELECT 2");

    assertThat(c.kind()).isEqualTo(RequestKind.DDL);
    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().statementCount()).isEqualTo(3);
    assertThat(c.sql().commands()).containsExactly("SELECT", "DROP", "SELECT");
    assertThat(c.sql().tables()).contains("customers");
  }

  @Test
  void commentsDoNotHideAStatement() {
    ClassifiedRequest c = classify("/* harmless */ -- really\nDROP TABLE customers");

    assertThat(c.kind()).isEqualTo(RequestKind.DDL);
    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void unparseableSqlIsHighRisk() {
    ClassifiedRequest c = classify("SELEKT * FROM customers WHERE");

    assertThat(c.kind()).isEqualTo(RequestKind.UNPARSEABLE);
    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().parseError()).isNotBlank();
    assertThat(c.reasons()).contains("SQL does not parse");
  }

  @Test
  void grantAndSetRoleAreDcl() {
    assertThat(classify("GRANT SELECT ON customers TO agent").kind()).isEqualTo(RequestKind.DCL);
    assertThat(classify("GRANT SELECT ON customers TO agent").risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(classify("SET ROLE postgres").risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(classify("SET search_path = public").risk()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void transactionControlIsLowRisk() {
    assertThat(classify("COMMIT").kind()).isEqualTo(RequestKind.TCL);
    assertThat(classify("COMMIT").risk()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void truncateIsHighRisk() {
    assertThat(classify("TRUNCATE orders").risk()).isEqualTo(RiskLevel.HIGH);
  }

  @Test
  void serverSideFunctionsWithEffectsAreHighRisk() {
    ClassifiedRequest c = classify("SELECT pg_terminate_backend(pid) FROM pg_stat_activity");

    assertThat(c.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(c.sql().functions()).contains("pg_terminate_backend");
  }

  @Test
  void quotedIdentifiersKeepTheirCase() {
    assertThat(classify("SELECT * FROM \"Secret\" LIMIT 1").sql().tables()).containsExactly("Secret");
  }

  @Test
  void anEmptyStringIsHarmless() {
    ClassifiedRequest c = classify("");

    assertThat(c.risk()).isEqualTo(RiskLevel.LOW);
    assertThat(c.sql().statementCount()).isZero();
  }

  @Test
  void aCachedClassificationEqualsAFreshOne() {
    String sql = "UPDATE orders SET total = 0 WHERE id = 3";

    assertThat(classify(sql)).isEqualTo(SqlClassifier.classifyWithoutCache(sql));
    assertThat(classify(sql)).isEqualTo(SqlClassifier.classifyWithoutCache(sql));
  }
}
