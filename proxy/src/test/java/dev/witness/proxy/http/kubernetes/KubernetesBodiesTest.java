package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubernetesBodiesTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void secretValuesAreRedactedKeysKept() {
    String recorded = KubernetesBodies.recorded("secrets", utf8("""
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"aHVudGVyMg=="},
         "stringData":{"token":"s3cr3t-value"}}"""));

    assertThat(recorded).contains("\"password\":\"[REDACTED]\"").contains("\"token\":\"[REDACTED]\"")
        .contains("\"name\":\"db\"").doesNotContain("aHVudGVyMg==").doesNotContain("s3cr3t-value");
  }

  @Test
  void theLastAppliedAnnotationOfASecretIsRedactedToo() {
    String applied = "{\\\"kind\\\":\\\"Secret\\\",\\\"stringData\\\":{\\\"k\\\":\\\"plain-secret\\\"}}";
    String recorded = KubernetesBodies.recorded("secrets", utf8("{\"kind\":\"Secret\",\"metadata\":{\"annotations\":"
        + "{\"kubectl.kubernetes.io/last-applied-configuration\":\"" + applied + "\"}},\"stringData\":{\"k\":\"plain-secret\"}}"));

    assertThat(recorded).doesNotContain("plain-secret").contains("last-applied-configuration").contains("[REDACTED]");
  }

  @Test
  void secretsInsideAListAreRedacted() {
    String recorded = KubernetesBodies.recorded("secrets", utf8("""
        {"kind":"List","items":[{"kind":"Secret","data":{"a":"b25l"}},{"kind":"ConfigMap","data":{"c":"plain"}}]}"""));

    assertThat(recorded).doesNotContain("b25l").contains("\"c\":\"plain\"");
  }

  @Test
  void patchesOfSecretsAreRedactedWithoutAKind() {
    assertThat(KubernetesBodies.recorded("secrets", utf8("{\"stringData\":{\"k\":\"new-secret\"}}")))
        .isEqualTo("{\"stringData\":{\"k\":\"[REDACTED]\"}}");
    assertThat(KubernetesBodies.recorded("secrets", utf8("[{\"op\":\"replace\",\"path\":\"/data/k\",\"value\":\"djI=\"}]")))
        .doesNotContain("djI=").contains("[REDACTED]");
  }

  @Test
  void otherObjectsAreRecordedAsSent() {
    String body = "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"notes\"},\"data\":{\"k\":\"v\"}}";
    assertThat(KubernetesBodies.recorded("configmaps", utf8(body))).isEqualTo(body);
  }

  @Test
  void unparsableSecretsAndBinaryBodiesAreNotRecorded() {
    assertThat(KubernetesBodies.recorded("secrets", utf8("kind: Secret\nstringData:\n  k: v\n"))).isNull();
    assertThat(KubernetesBodies.recorded("configmaps", utf8("kind: Secret\nstringData:\n  k: v\n"))).isNull();
    assertThat(KubernetesBodies.recorded("configmaps", new byte[] {(byte) 0xff, 0x00, 0x12})).isNull();
    assertThat(KubernetesBodies.recorded("configmaps", new byte[0])).isNull();
    assertThat(KubernetesBodies.recorded("configmaps", utf8("kind: ConfigMap\n"))).isEqualTo("kind: ConfigMap\n");
  }

  @Test
  void readsCarryNoBodyAndWritesDo() {
    assertThat(KubernetesRequests.of("GET", "/api/v1/namespaces/d/configmaps/x", null, utf8("{}")).getBody()).isNull();
    assertThat(KubernetesRequests.of("POST", "/api/v1/namespaces/d/secrets", null,
        utf8("{\"kind\":\"Secret\",\"data\":{\"k\":\"dg==\"}}")).getBody())
        .isEqualTo("{\"kind\":\"Secret\",\"data\":{\"k\":\"[REDACTED]\"}}");
  }
}
