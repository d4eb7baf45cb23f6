package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.KubernetesRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesRequestsTest {

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "GET,    /api/v1/namespaces/default/pods,                    -,               list,   pods,        default, -,        -",
      "GET,    /api/v1/namespaces/default/pods/web-1,              -,               get,    pods,        default, web-1,    -",
      "GET,    /api/v1/namespaces/default/pods,                    watch=true,      watch,  pods,        default, -,        -",
      "GET,    /api/v1/namespaces/default/pods,                    watch=1&limit=5, watch,  pods,        default, -,        -",
      "GET,    /api/v1/namespaces/default/pods/web-1/log,          follow=true,     get,    pods,        default, web-1,    log",
      "POST,   /api/v1/namespaces/default/pods/web-1/exec,         command=sh,      create, pods,        default, web-1,    exec",
      "GET,    /api/v1/namespaces/prod/secrets/db,                 -,               get,    secrets,     prod,    db,       -",
      "POST,   /apis/apps/v1/namespaces/prod/deployments,          -,               create, deployments, prod,    -,        -",
      "PATCH,  /apis/apps/v1/namespaces/prod/deployments/api/scale, -,              patch,  deployments, prod,    api,      scale",
      "PUT,    /api/v1/namespaces/prod/configmaps/c,               -,               update, configmaps,  prod,    c,        -",
      "DELETE, /api/v1/namespaces/prod/configmaps/c,               -,               delete, configmaps,  prod,    c,        -",
      "DELETE, /api/v1/namespaces/prod/configmaps,                 -,               deletecollection, configmaps, prod, -, -",
      "GET,    /api/v1/namespaces/prod,                            -,               get,    namespaces,  prod,    prod,     -",
      "GET,    /api/v1/namespaces,                                 -,               list,   namespaces,  -,       -,        -",
      "GET,    /api/v1/nodes/n1/proxy/metrics,                     -,               get,    nodes,       -,       n1,       proxy/metrics",
      "GET,    /apis/rbac.authorization.k8s.io/v1/clusterroles,    -,               list,   clusterroles, -,      -,        -",
  })
  void derivesTheAuthorizationAttributes(String method, String path, String query, String verb, String resource,
      String namespace, String name, String subresource) {
    KubernetesRequest k = KubernetesRequests.of(method, path, query);

    assertThat(k.getVerb()).isEqualTo(verb);
    assertThat(k.getResource()).isEqualTo(resource);
    assertThat(k.getNamespace()).isEqualTo(namespace);
    assertThat(k.getName()).isEqualTo(name);
    assertThat(k.getSubresource()).isEqualTo(subresource);
    assertThat(k.getPath()).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource({"GET, /api", "GET, /apis", "GET, /api/v1", "GET, /apis/apps/v1", "GET, /version", "GET, /openapi/v2"})
  void discoveryKeepsTheMethodAndAnEmptyResource(String method, String path) {
    KubernetesRequest k = KubernetesRequests.of(method, path, null);

    assertThat(k.getVerb()).isEqualTo("get");
    assertThat(k.getResource()).isEmpty();
    assertThat(k.getName()).isNull();
  }
}
