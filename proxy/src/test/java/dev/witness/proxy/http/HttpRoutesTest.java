package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.HttpRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {

  private final HttpRoutes routes = HttpRoutes.of(List.of(
      new HttpRoute("/", "http:root", "http://127.0.0.1:9000", null, null),
      new HttpRoute("/demo", "http:demo", "http://127.0.0.1:9001/api/", null, null),
      new HttpRoute("/demo/admin", "http:admin", "https://admin.example.com", false, null),
      new HttpRoute("/files/", "http:files", "http://files.local:8080", true, null)));

  @Test
  void longestMatchingPrefixWins() {
    assertThat(routes.match("/demo/admin/users")).map(RouteTarget::resource).contains("http:admin");
    assertThat(routes.match("/demo/items")).map(RouteTarget::resource).contains("http:demo");
    assertThat(routes.match("/demo")).map(RouteTarget::resource).contains("http:demo");
    assertThat(routes.match("/other")).map(RouteTarget::resource).contains("http:root");
  }

  @Test
  void prefixesMatchOnSegmentBoundaries() {
    assertThat(routes.match("/demonstration")).map(RouteTarget::resource).contains("http:root");
    assertThat(routes.match("/demo/administrator")).map(RouteTarget::resource).contains("http:demo");
    assertThat(routes.match("/files/a.txt")).map(RouteTarget::resource).contains("http:files");
  }

  @Test
  void noRouteMatchesWithoutACatchAll() {
    HttpRoutes one = HttpRoutes.of(List.of(new HttpRoute("/demo", "http:demo", "http://127.0.0.1:9001", null, null)));
    assertThat(one.match("/other")).isEmpty();
    assertThat(one.resourceOf("/other")).isEqualTo(HttpRoutes.UNROUTED);
  }

  @Test
  void stripPrefixJoinsTheUpstreamBasePath() {
    RouteTarget demo = routes.match("/demo").orElseThrow();
    assertThat(demo.upstreamUri("/demo/items/7", "q=1")).isEqualTo("/api/items/7?q=1");
    assertThat(demo.upstreamUri("/demo", null)).isEqualTo("/api");
    RouteTarget files = routes.match("/files/x").orElseThrow();
    assertThat(files.upstreamUri("/files/x", null)).isEqualTo("/x");
    RouteTarget root = routes.match("/").orElseThrow();
    assertThat(root.upstreamUri("/", null)).isEqualTo("/");
  }

  @Test
  void keptPrefixIsForwardedAsIs() {
    RouteTarget admin = routes.match("/demo/admin").orElseThrow();
    assertThat(admin.upstreamUri("/demo/admin/x", null)).isEqualTo("/demo/admin/x");
    assertThat(admin.authority()).isEqualTo("admin.example.com");
    assertThat(admin.tls()).isTrue();
    assertThat(admin.port()).isEqualTo(443);
  }

  @Test
  void credentialIsResolvedAtStartAndRedactedAndNeverPrinted() {
    RouteTarget t = RouteTarget.of(new HttpRoute("/s", "http:s", "http://h:1",
        null, new BackendCredential("X-Upstream-Key", "s3cret", null, null)));
    assertThat(t.credentialValue()).isEqualTo("s3cret");
    assertThat(t.redactor().isSecret("x-upstream-key")).isTrue();
    assertThat(t.toString()).doesNotContain("s3cret");
  }

  @Test
  void missingCredentialSourceFailsAtStart() {
    HttpRoute route = new HttpRoute("/s", "http:s", "http://h:1", null,
        new BackendCredential(null, null, "WITNESS_TEST_SURELY_UNSET_VARIABLE", null));
    assertThatThrownBy(() -> HttpRoutes.of(List.of(route))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("valueFromEnv");
  }

  @Test
  void nonHttpUpstreamIsAConfigError() {
    assertThatThrownBy(() -> RouteTarget.of(new HttpRoute("/x", "x", "ftp://h", null, null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("upstream");
  }

  @Test
  void aRoutesDialectPicksTheRecordedProtocolAndAnUnknownOneIsAConfigError() {
    assertThat(RouteTarget.of(new HttpRoute("/a", "a", "http://h:1", null, null)).protocol())
        .isEqualTo(dev.witness.schemas.event.Protocol.HTTP);
    RouteTarget mcp = RouteTarget.of(new HttpRoute("/mcp/a", "mcp:a", "http://h:1/mcp", null, null, "mcp"));
    assertThat(mcp.mcp()).isTrue();
    assertThat(mcp.protocol()).isEqualTo(dev.witness.schemas.event.Protocol.MCP);
    assertThat(RouteTarget.of(new HttpRoute("/o", "o", "http://h:1/v1", null, null, "openai")).protocol())
        .isEqualTo(dev.witness.schemas.event.Protocol.OPENAI);
    assertThatThrownBy(() -> RouteTarget.of(new HttpRoute("/g", "g", "http://h:1", null, null, "grpc")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dialect");
  }
}
