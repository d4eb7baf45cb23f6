package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeconfigAndStatusTest {

  @Test
  void kubeconfigPointsAtWitnessWithItsCaAndTheAgentToken() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    String yaml = AgentKubeconfig.render("https://127.0.0.1:6443", pem, "agent-tok", "witness");

    assertThat(yaml).contains("server: \"https://127.0.0.1:6443\"")
        .contains("certificate-authority-data: " + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))
        .contains("token: \"agent-tok\"")
        .contains("current-context: \"witness\"");
  }

  @Test
  void refusalIsAForbiddenStatusNamingTheRule() throws Exception {
    FullHttpResponse response = KubernetesStatus.render(403, "Denied by policy: rule k8s-secrets", List.of("k8s-secrets"));
    try {
      JsonNode status = new ObjectMapper().readTree(response.content().toString(StandardCharsets.UTF_8));

      assertThat(response.status().code()).isEqualTo(403);
      assertThat(response.headers().get("content-type")).isEqualTo("application/json");
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("status").asText()).isEqualTo("Failure");
      assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
      assertThat(status.path("code").asInt()).isEqualTo(403);
      assertThat(status.path("message").asText()).contains("k8s-secrets");
      assertThat(status.path("details").path("causes").get(0).path("message").asText()).isEqualTo("rule k8s-secrets");
    } finally {
      response.release();
    }
  }
}
