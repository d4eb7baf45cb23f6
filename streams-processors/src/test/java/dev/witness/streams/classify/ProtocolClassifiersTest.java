package dev.witness.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolClassifiersTest {

  @Test
  void httpIsClassifiedByMethodWithAPathTemplate() {
    ClassifiedRequest delete = HttpClassifier.classify("delete", "/demo/customers/42/../43");

    assertThat(delete.kind()).isEqualTo(RequestKind.DELETE);
    assertThat(delete.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(delete.http().method()).isEqualTo("DELETE");
    assertThat(delete.http().path()).isEqualTo("/demo/customers/43");
    assertThat(delete.http().template()).isEqualTo("/demo/customers/{id}");
    assertThat(HttpClassifier.classify("GET", "/a").risk()).isEqualTo(RiskLevel.LOW);
    assertThat(HttpClassifier.classify("PATCH", "/a").kind()).isEqualTo(RequestKind.WRITE);
    assertThat(HttpClassifier.classify("BREW", "/pot").risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(HttpClassifier.template("/orders/0d3c9f1e-5a7b-4c2d-9e8f-1a2b3c4d5e6f/items"))
        .isEqualTo("/orders/{id}/items");
  }

  @Test
  void kubernetesExecAndSecretsAreHighRisk() {
    ClassifiedRequest exec = KubernetesClassifier.classify("create", "pods", "exec", "default", "web-0");
    assertThat(exec.kind()).isEqualTo(RequestKind.EXEC);
    assertThat(exec.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(exec.kubernetes().subresource()).isEqualTo("exec");

    ClassifiedRequest secret = KubernetesClassifier.classify("get", "secrets", null, "default", "db");
    assertThat(secret.kind()).isEqualTo(RequestKind.READ);
    assertThat(secret.risk()).isEqualTo(RiskLevel.HIGH);

    assertThat(KubernetesClassifier.classify("list", "pods", null, "default", null).risk()).isEqualTo(RiskLevel.LOW);
    assertThat(KubernetesClassifier.classify("delete", "deployments", null, "default", "web").kind())
        .isEqualTo(RequestKind.DELETE);
    assertThat(KubernetesClassifier.classify("get", "pods", "portforward", "default", "db").kind())
        .isEqualTo(RequestKind.EXEC);
  }

  @Test
  void mcpToolCallsAreClassifiedByToolVerbAndTheirSql() {
    ClassifiedRequest read = McpClassifier.classify("tools/call", "list_customers", "{\"limit\":5}");
    assertThat(read.kind()).isEqualTo(RequestKind.READ);
    assertThat(read.risk()).isEqualTo(RiskLevel.LOW);
    assertThat(read.mcp().arguments()).containsEntry("limit", 5L);

    ClassifiedRequest query = McpClassifier.classify("tools/call", "query", "{\"sql\":\"DROP TABLE customers\"}");
    assertThat(query.risk()).isEqualTo(RiskLevel.HIGH);
    assertThat(query.kind()).isEqualTo(RequestKind.DDL);
    assertThat(query.mcp().sql().tables()).containsExactly("customers");

    assertThat(McpClassifier.classify("tools/call", "deleteCustomer", "{}").kind()).isEqualTo(RequestKind.DELETE);
    assertThat(McpClassifier.classify("tools/call", "run_shell", "{\"cmd\":\"ls\"}").kind()).isEqualTo(RequestKind.EXEC);
    assertThat(McpClassifier.classify("tools/call", "send_email", "not json").risk()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(McpClassifier.classify("tools/list", null, null).risk()).isEqualTo(RiskLevel.LOW);
  }

  @Test
  void approversSeeSqlWithoutItsLiterals() {
    assertThat(SqlLiteralMasker.mask("UPDATE customers SET email = 'a@b.example', age = 42 WHERE id = $1 -- 'x'"))
        .isEqualTo("UPDATE customers SET email = ?, age = ? WHERE id = $1 -- 'x'");
    assertThat(SqlLiteralMasker.mask("SELECT \"col1\" FROM t2 WHERE s = E'it\\'s' AND d = $$x$$"))
        .isEqualTo("SELECT \"col1\" FROM t2 WHERE s = ? AND d = ?");
  }
}
