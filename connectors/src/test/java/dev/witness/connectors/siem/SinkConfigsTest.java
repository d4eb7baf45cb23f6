package dev.witness.connectors.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kafka Connect files under connectors/siem parse and carry what each sink needs for the OCSF feed. */
class SinkConfigsTest {

  private static final Path DIR = Path.of("siem");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRING = "org.apache.kafka.connect.storage.StringConverter";
  // Secrets are never inline: only a config-provider reference may stand where one goes.
  private static final Pattern PROVIDED = Pattern.compile("\\$\\{file:/etc/kafka-connect/secrets\\.properties:[a-z.]+}");

  @Test
  void splunkSendsEachOcsfEventToHecUnchanged() throws IOException {
    Map<String, String> c = properties("splunk-hec-sink.properties");

    assertCommon(c, "com.splunk.kafka.connect.SplunkSinkConnector");
    assertThat(c.get("value.converter")).isEqualTo(STRING);
    assertThat(c.get("splunk.hec.uri")).startsWith("https://");
    assertThat(c.get("splunk.hec.raw")).isEqualTo("false");
    assertThat(c.get("splunk.hec.ack.enabled")).isEqualTo("true");
    assertThat(c).containsKeys("splunk.indexes", "splunk.sourcetypes");
    assertThat(c.get("splunk.hec.token")).matches(PROVIDED);
  }

  @Test
  void elasticsearchIndexesSchemalessJsonDocuments() throws IOException {
    Map<String, String> c = connectorJson("elasticsearch-sink.json");

    assertCommon(c, "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector");
    assertThat(c.get("value.converter")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
    assertThat(c.get("value.converter.schemas.enable")).isEqualTo("false");
    assertThat(c.get("schema.ignore")).isEqualTo("true");
    // Keys are session ids: used as document ids, one session's events would overwrite each other.
    assertThat(c.get("key.ignore")).isEqualTo("true");
    assertThat(c.get("connection.url")).startsWith("https://");
    assertThat(c.get("connection.password")).matches(PROVIDED);
  }

  @Test
  void sentinelPostsJsonArraysToTheLogsIngestionApiWithEntraCredentials() throws IOException {
    Map<String, String> c = connectorJson("sentinel-logs-ingestion-sink.json");

    assertCommon(c, "io.confluent.connect.http.HttpSinkConnector");
    assertThat(c.get("value.converter")).isEqualTo(STRING);
    assertThat(c.get("http.api.url"))
        .matches("https://[^/]+\\.ingest\\.monitor\\.azure\\.com/dataCollectionRules/dcr-[0-9a-f]+/streams/Custom-WitnessOcsf"
            + "\\?api-version=2023-01-01");
    assertThat(c.get("batch.prefix") + "{}" + c.get("batch.separator") + "{}" + c.get("batch.suffix")).isEqualTo("[{},{}]");
    assertThat(c.get("auth.type")).isEqualTo("OAUTH2");
    assertThat(c.get("oauth2.client.scope")).isEqualTo("https://monitor.azure.com/.default");
    assertThat(c.get("oauth2.client.secret")).matches(PROVIDED);
  }

  @Test
  void theSentinelCollectionRuleDeclaresTheStreamTheSinkPostsTo() throws IOException {
    JsonNode dcr = JSON.readTree(DIR.resolve("sentinel-dcr.json").toFile());
    JsonNode flow = dcr.at("/properties/dataFlows/0");

    assertThat(dcr.at("/properties/streamDeclarations/Custom-WitnessOcsf/columns").size()).isGreaterThan(10);
    assertThat(flow.at("/streams/0").asText()).isEqualTo("Custom-WitnessOcsf");
    assertThat(flow.get("transformKql").asText()).contains("TimeGenerated = unixtime_milliseconds_todatetime(time)");
  }

  @Test
  void theWorkerResolvesSecretsFromAFileAndDefaultsToSchemalessJson() throws IOException {
    Map<String, String> c = properties("worker.properties");

    assertThat(c.get("config.providers")).isEqualTo("file");
    assertThat(c.get("config.providers.file.class")).isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
    assertThat(c.get("value.converter.schemas.enable")).isEqualTo("false");
    assertThat(c).containsKeys("bootstrap.servers", "group.id", "plugin.path", "config.storage.topic",
        "offset.storage.topic", "status.storage.topic");
  }

  private static void assertCommon(Map<String, String> c, String connectorClass) {
    assertThat(c.get("connector.class")).isEqualTo(connectorClass);
    assertThat(c.get("topics")).isEqualTo(Topics.SIEM_OCSF);
    assertThat(c.get("key.converter")).isEqualTo(STRING);
    assertThat(Integer.parseInt(c.get("tasks.max"))).isPositive();
    assertThat(c).doesNotContainKey("config.providers");
  }

  private static Map<String, String> properties(String file) throws IOException {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(DIR.resolve(file))) {
      props.load(reader);
    }
    Map<String, String> map = new HashMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
    return map;
  }

  private static Map<String, String> connectorJson(String file) throws IOException {
    JsonNode root = JSON.readTree(DIR.resolve(file).toFile());
    assertThat(root.path("name").asText()).isNotBlank();
    Map<String, String> map = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("config").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      // Connect's REST API takes every config value as a string.
      assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue();
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }
}
