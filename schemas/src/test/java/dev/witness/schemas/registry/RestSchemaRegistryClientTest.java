package dev.witness.schemas.registry;

import static dev.witness.schemas.registry.ScriptedHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.registry.embedded.InMemoryRegistryLog;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FAST_BACKOFF = Duration.ofMillis(10);
  private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields().requiredString("a").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
  private static final Schema V2_REQUIRED = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("a").requiredInt("b").endRecord();

  private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemoryRegistryLog(), "127.0.0.1", 0);
  private final RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url(), TIMEOUT, FAST_BACKOFF);

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  @Test
  void registersLooksUpAndListsAgainstARealRegistry() {
    int id1 = client.register("things-t.Thing", V1);
    int id2 = client.register("things-t.Thing", V2);

    assertThat(id2).isNotEqualTo(id1);
    assertThat(client.schemaById(id1)).isEqualTo(V1);
    assertThat(client.latest("things-t.Thing")).isEqualTo(new RegisteredSchema("things-t.Thing", 2, id2, V2));
    assertThat(client.subjects()).containsExactly("things-t.Thing");
  }

  @Test
  void theSameSchemaUnderAnotherSubjectKeepsItsGlobalId() {
    int first = client.register("a", Verdict.getClassSchema());

    assertThat(client.register("b", Verdict.getClassSchema())).isEqualTo(first);
    assertThat(client.subjects()).containsExactly("a", "b");
  }

  @Test
  void generatedSchemasSurviveTheRoundTripThroughTheRegistry() {
    int id = client.register("witness.approvals-x", ApprovalExpired.getClassSchema());

    try (RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(registry.url(), TIMEOUT)) {
      assertThat(fresh.schemaById(id)).isEqualTo(ApprovalExpired.getClassSchema());
    }
  }

  @Test
  void compatibilityFollowsTheRegistry() {
    client.register("s", V1);

    assertThat(client.isCompatible("s", V2)).isTrue();
    assertThat(client.isCompatible("s", V2_REQUIRED)).isFalse();
    assertThat(client.isCompatible("never-registered", V2_REQUIRED)).isTrue();
  }

  @Test
  void anIncompatibleSchemaFailsWith409NamingTheUrl() {
    client.register("s", V1);

    assertThatThrownBy(() -> client.register("s", V2_REQUIRED))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.INCOMPATIBLE_SCHEMA);
          assertThat(e.getMessage()).contains("POST " + registry.url() + "/subjects/s/versions").contains("incompatible");
        });
  }

  @Test
  void unknownSubjectsAndIdsCarryConfluentCodes() {
    assertThatThrownBy(() -> client.latest("nope"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND);
          assertThat(e.getMessage()).contains(registry.url() + "/subjects/nope/versions/latest");
        });
    assertThatThrownBy(() -> client.schemaById(999))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND));
  }

  @Test
  void anInvalidSchemaIs42201AndNotRetried() {
    // Any schema the client can hold parses, so a registry rejecting it is scripted.
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        json(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {
      assertThatThrownBy(() -> scripted.register("s", V1))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
              assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.INVALID_SCHEMA));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void subjectNamesAreEncodedInThePath() {
    int id = client.register("odd subject/with?chars", V1);

    assertThat(client.latest("odd subject/with?chars").id()).isEqualTo(id);
    assertThat(client.subjects()).containsExactly("odd subject/with?chars");
  }

  @Test
  void idsAndRegistrationsAreCachedForever() {
    int id = client.register("s", V1);
    client.schemaById(id);
    registry.close();

    // The registry is gone: only the cache can answer.
    assertThat(client.register("s", V1)).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(V1);
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        json(503, "{\"error_code\":50003,\"message\":\"leader unavailable\"}"),
        json(500, "{\"error_code\":50001,\"message\":\"store error\"}"),
        json(200, "{\"id\":7}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThat(scripted.register("s", V1)).isEqualTo(7);
      assertThat(server.requests()).hasSize(3).allSatisfy(r -> {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/subjects/s/versions");
        assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(r.body()).contains("\"schema\"");
      });
    }
  }

  @Test
  void givesUpAfterThreeAttempts() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(json(500, "{\"error_code\":50001,\"message\":\"store error\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThatThrownBy(() -> scripted.schemaById(1))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.STORE_ERROR);
            assertThat(e.getMessage()).contains("GET " + server.url() + "/schemas/ids/1").contains("store error");
          });
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void neverRetriesClientErrors() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        json(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThatThrownBy(() -> scripted.latest("s")).isInstanceOf(SchemaRegistryException.class);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aBodyThatIsNotAConfluentErrorUsesTheHttpStatus() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        new ScriptedHttpServer.Canned(403, "text/html", "<html>Forbidden</html>"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThatThrownBy(() -> scripted.subjects())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains("HTTP 403");
          });
    }
  }

  @Test
  void anUnreachableRegistryFailsAfterThreeAttemptsNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (RestSchemaRegistryClient unreachable =
        new RestSchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofSeconds(1), FAST_BACKOFF)) {

      assertThatThrownBy(() -> unreachable.subjects())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(-1);
            assertThat(e.getMessage()).contains("GET http://127.0.0.1:" + port + "/subjects").contains("3 attempts");
          });
    }
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(json(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(
            "http://api-key:s3cr%40t@127.0.0.1:" + server.port() + "/", TIMEOUT, FAST_BACKOFF)) {

      assertThatThrownBy(() -> scripted.subjects())
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(401);
            assertThat(e.getMessage()).contains("GET " + server.url() + "/subjects")
                .doesNotContain("s3cr").doesNotContain("api-key");
          });
      assertThat(scripted.toString()).doesNotContain("s3cr");
      String expected = "Basic " + Base64.getEncoder().encodeToString("api-key:s3cr@t".getBytes(StandardCharsets.UTF_8));
      assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).isEqualTo(expected));
    }
  }

  @Test
  void aPathPrefixInTheBaseUrlIsKept() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(json(200, "[\"x\"]"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url() + "/registry/", TIMEOUT)) {

      assertThat(scripted.subjects()).containsExactly("x");
      assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/registry/subjects"));
    }
  }

  @Test
  void olderRegistriesAnswering40401ForCompatibilityMeanCompatible() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        json(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThat(scripted.isCompatible("new-subject", V1)).isTrue();
      assertThat(server.requests()).singleElement()
          .satisfies(r -> assertThat(r.path()).isEqualTo("/compatibility/subjects/new-subject/versions/latest"));
    }
  }

  @Test
  void nonAvroSchemasAreRefused() {
    try (ScriptedHttpServer server = new ScriptedHttpServer(
        json(200, "{\"schema\":\"{}\",\"schemaType\":\"JSON\"}"));
        RestSchemaRegistryClient scripted = new RestSchemaRegistryClient(server.url(), TIMEOUT, FAST_BACKOFF)) {

      assertThatThrownBy(() -> scripted.schemaById(3)).hasMessageContaining("JSON schema");
    }
  }

  @Test
  void rejectsUrlsThatAreNotHttp() {
    assertThatThrownBy(() -> new RestSchemaRegistryClient("mock://scope", TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> new RestSchemaRegistryClient("http://user:pw@[bad", TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("pw");
    assertThatThrownBy(() -> new RestSchemaRegistryClient(" ", TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
  }
}
