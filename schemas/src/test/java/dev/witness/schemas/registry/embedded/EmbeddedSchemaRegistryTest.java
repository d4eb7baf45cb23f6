package dev.witness.schemas.registry.embedded;

import static dev.witness.schemas.registry.embedded.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.registry.CompatibilityLevel;
import dev.witness.schemas.registry.embedded.RegistryHttp.Reply;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST surface of the embedded registry, on a log kept in memory. */
class EmbeddedSchemaRegistryTest {

  private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields().requiredString("a").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
  private static final Schema V2_REQUIRED = SchemaBuilder.record("Thing").namespace("t").fields()
      .requiredString("a").requiredInt("b").endRecord();

  private final InMemoryRegistryLog registryLog = new InMemoryRegistryLog();
  private EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(registryLog, "127.0.0.1", 0);
  private RegistryHttp http = new RegistryHttp(registry.url());

  @AfterEach
  void stop() {
    http.close();
    registry.close();
  }

  @Test
  void rootAnswersAnEmptyObject() {
    Reply reply = http.get("/");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(reply.body().toString()).isEqualTo("{}");
  }

  @Test
  void urlNamesTheBoundPort() {
    assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + registry.port());
    assertThat(registry.port()).isPositive();
  }

  @Test
  void registeringTheSameSchemaAgainReturnsTheSameIdAndNoNewVersion() {
    int id = register("s", V1);

    assertThat(register("s", V1)).isEqualTo(id);
    // Same schema, different formatting: the canonical form decides.
    assertThat(http.post("/subjects/s/versions", schemaBody(SchemaFormatter.format("json/pretty", V1))).body().get("id").asInt()).isEqualTo(id);
    assertThat(http.get("/subjects/s/versions").body().toString()).isEqualTo("[1]");
    assertThat(registryLog.records()).hasSize(1);
  }

  @Test
  void idsAreGlobalAndVersionsPerSubject() {
    int id1 = register("s", V1);
    int id2 = register("s", V2);
    int again = register("other", V1);

    assertThat(id2).isEqualTo(id1 + 1);
    assertThat(again).isEqualTo(id1);
    assertThat(http.get("/subjects/other/versions").body().toString()).isEqualTo("[1]");
    assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"other\",\"s\"]");
  }

  @Test
  void versionsAreServedByNumberAndAsLatest() {
    int id1 = register("s", V1);
    int id2 = register("s", V2);

    Reply first = http.get("/subjects/s/versions/1");
    assertThat(first.body().get("subject").asText()).isEqualTo("s");
    assertThat(first.body().get("version").asInt()).isEqualTo(1);
    assertThat(first.body().get("id").asInt()).isEqualTo(id1);
    assertThat(new Schema.Parser().parse(first.body().get("schema").asText())).isEqualTo(V1);
    assertThat(http.get("/subjects/s/versions/latest").body().get("id").asInt()).isEqualTo(id2);
    assertThat(http.get("/subjects/s/versions/-1").body().get("version").asInt()).isEqualTo(2);
    assertThat(http.get("/subjects/s/versions").body().toString()).isEqualTo("[1,2]");
  }

  @Test
  void schemasAreServedById() {
    int id = register("s", V1);

    Reply reply = http.get("/schemas/ids/" + id);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(new Schema.Parser().parse(reply.body().get("schema").asText())).isEqualTo(V1);
  }

  @Test
  void missingThingsAnswerConfluentErrors() {
    register("s", V1);

    assertError(http.get("/schemas/ids/99"), 404, 40403);
    assertError(http.get("/schemas/ids/abc"), 404, 40403);
    assertError(http.get("/subjects/nope/versions"), 404, 40401);
    assertError(http.get("/subjects/nope/versions/latest"), 404, 40401);
    assertError(http.get("/subjects/s/versions/7"), 404, 40402);
    assertError(http.get("/subjects/s/versions/zero"), 422, 42202);
    assertError(http.get("/subjects/s/versions/0"), 422, 42202);
  }

  @Test
  void lookupFindsTheVersionHoldingASchema() {
    register("s", V1);
    int id2 = register("s", V2);

    Reply found = http.post("/subjects/s", schemaBody(V2));

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("version").asInt()).isEqualTo(2);
    assertThat(found.body().get("id").asInt()).isEqualTo(id2);
    assertError(http.post("/subjects/s", schemaBody(V2_REQUIRED)), 404, 40403);
    assertError(http.post("/subjects/nope", schemaBody(V1)), 404, 40401);
  }

  @Test
  void anIncompatibleSchemaIsRefusedWith409NamingTheProblem() {
    register("s", V1);

    Reply reply = http.post("/subjects/s/versions", schemaBody(V2_REQUIRED));

    assertError(reply, 409, 409);
    assertThat(reply.body().get("message").asText()).contains("\"s\"").contains("BACKWARD").contains("b");
    assertThat(http.get("/subjects/s/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void compatibilityCanBeTestedWithoutRegistering() {
    register("s", V1);

    assertThat(http.post("/compatibility/subjects/s/versions/latest", schemaBody(V2)).body().toString())
        .isEqualTo("{\"is_compatible\":true}");
    assertThat(http.post("/compatibility/subjects/s/versions/latest", schemaBody(V2_REQUIRED)).body()
        .get("is_compatible").asBoolean()).isFalse();
    Reply verbose = http.post("/compatibility/subjects/s/versions/1?verbose=true", schemaBody(V2_REQUIRED));
    assertThat(verbose.body().get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(http.post("/compatibility/subjects/new/versions/latest", schemaBody(V2_REQUIRED)).body()
        .get("is_compatible").asBoolean()).isTrue();
    assertError(http.post("/compatibility/subjects/new/versions/1", schemaBody(V1)), 404, 40401);
  }

  @Test
  void theCompatibilityLevelDefaultsToBackwardAndCanBeChanged() {
    assertThat(http.get("/config").body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    register("s", V1);

    Reply set = http.put("/config", "{\"compatibility\":\"NONE\"}");

    assertThat(set.body().toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
    assertThat(http.post("/subjects/s/versions", schemaBody(V2_REQUIRED)).status()).isEqualTo(200);
    assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
  }

  @Test
  void badRequestsAreConfluentErrors() {
    assertError(http.post("/subjects/s/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
    assertError(http.post("/subjects/s/versions", "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}"), 422, 42201);
    assertError(http.post("/subjects/s/versions", "{}"), 422, 42201);
    assertError(http.post("/subjects/s/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
    assertError(http.post("/subjects/s/versions", "not json"), 400, 400);
    assertError(http.get("/nothing/here"), 404, 404);
    assertError(http.send("DELETE", "/subjects/s/versions", null), 405, 405);
    assertError(http.get("/subjects/s/versions/1/schema/extra"), 404, 404);
    assertThat(http.get("/subjects").body().toString()).isEqualTo("[]");
  }

  @Test
  void subjectsAreDecodedFromThePath() {
    int id = register("a b/c", V1);

    assertThat(http.get("/subjects").body().get(0).asText()).isEqualTo("a b/c");
    assertThat(http.get("/subjects/a%20b%2Fc/versions/1").body().get("id").asInt()).isEqualTo(id);
    assertThat(http.get("/subjects/a+b%2Fc/versions").status()).isEqualTo(404);
  }

  @Test
  void aFailedWriteChangesNothingAndAnswers50001() {
    register("s", V1);
    registryLog.failWrites();

    assertError(http.post("/subjects/s/versions", schemaBody(V2)), 500, 50001);
    assertThat(http.get("/subjects/s/versions").body().toString()).isEqualTo("[1]");
    assertError(http.put("/config", "{\"compatibility\":\"FULL\"}"), 500, 50001);
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void aRestartOnTheSameLogKeepsIdsVersionsAndConfig() {
    int id1 = register("s", V1);
    int id2 = register("s", V2);
    http.put("/config", "{\"compatibility\":\"FULL\"}");
    restart();

    assertThat(http.get("/schemas/ids/" + id2).status()).isEqualTo(200);
    assertThat(http.get("/subjects/s/versions").body().toString()).isEqualTo("[1,2]");
    assertThat(register("s", V1)).isEqualTo(id1);
    assertThat(register("other", V2)).isEqualTo(id2);
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
    Schema v3 = SchemaBuilder.record("Thing").namespace("t").fields()
        .requiredString("a").name("b").type().intType().intDefault(0).optionalString("c").endRecord();
    assertThat(register("s", v3)).isEqualTo(id2 + 1);
  }

  @Test
  void theLogHoldsOneRecordPerVersionAndConfigChange() {
    int id = register("s", V1);
    http.put("/config", "{\"compatibilityLevel\":\"FORWARD\"}");

    assertThat(registryLog.records()).containsExactly(
        new RegistryLogRecord.SchemaVersion("s", 1, id, V1.toString(), false),
        new RegistryLogRecord.GlobalConfig(CompatibilityLevel.FORWARD));
  }

  @Test
  void aTakenPortIsNamed() {
    int taken = registry.port();

    assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(new InMemoryRegistryLog(), "127.0.0.1", taken))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("port " + taken + " is in use")
        .hasMessageContaining("127.0.0.1:" + taken);
  }

  @Test
  void concurrentRegistrationsGetDistinctIdsAndTheSameSchemaOneVersion() {
    List<Integer> ids = IntStream.range(0, 20).parallel()
        .mapToObj(i -> register("s" + i, SchemaBuilder.record("R" + i).fields().requiredInt("x").endRecord()))
        .toList();
    List<Integer> same = IntStream.range(0, 20).parallel().mapToObj(i -> register("same", V1)).toList();

    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(1, 20));
    assertThat(same).containsOnly(21);
    assertThat(http.get("/subjects/same/versions").body().toString()).isEqualTo("[1]");
  }

  private int register(String subject, Schema schema) {
    String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions";
    Reply reply = http.post(path, schemaBody(schema));
    assertThat(reply.status()).as("register %s: %s", subject, reply.body()).isEqualTo(200);
    return reply.body().get("id").asInt();
  }

  private void restart() {
    http.close();
    registry.close();
    registry = EmbeddedSchemaRegistry.start(registryLog, "127.0.0.1", 0);
    http = new RegistryHttp(registry.url());
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.body().get("error_code").asInt()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
    assertThat(reply.body().get("message").asText()).isNotBlank();
  }
}
