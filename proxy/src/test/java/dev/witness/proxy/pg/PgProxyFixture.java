package dev.witness.proxy.pg;

import dev.witness.embedded.SharedKafka;
import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.KafkaEventPublisher;
import dev.witness.proxy.publish.KafkaReplyChannel;
import dev.witness.proxy.publish.TestResponder;
import dev.witness.proxy.publish.TestTopics;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * The PostgreSQL proxy against the shared broker, the embedded schema registry and the shared
 * embedded PostgreSQL (a fresh database); a test responder stands in for the streams topologies.
 * Statements containing {@code witness_denied} are denied, {@code witness_silent} get no verdict;
 * masking replaces SSN-shaped text with same-length stars.
 */
final class PgProxyFixture implements AutoCloseable {

  static final String AGENT = "pg-agent";
  static final String TOKEN = "pg-it-token-7d1e";
  static final int REPLY_PARTITION = 1;
  static final int ROWS_PER_CHUNK = 100;

  final String database;
  final TestResponder responder;
  final PostgresProxyListener proxy;
  private final EmbeddedSchemaRegistry registry;
  private final RestSchemaRegistryClient proxyRegistry;
  private final RestSchemaRegistryClient responderRegistry;
  private final KafkaEventPublisher publisher;
  private final KafkaReplyChannel replies;

  private PgProxyFixture(String database, Duration verdictTimeout) {
    this.database = database;
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.create(bootstrap);
    registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    proxyRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    responderRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    responder = TestResponder.start(bootstrap, responderRegistry, PgProxyFixture::policy,
        b -> new String(b, StandardCharsets.ISO_8859_1).replaceAll("\\d{3}-\\d{2}-\\d{4}", "***-**-****")
            .getBytes(StandardCharsets.ISO_8859_1));
    publisher = KafkaEventPublisher.create(bootstrap, proxyRegistry, Duration.ofSeconds(5));
    replies = KafkaReplyChannel.start(bootstrap, proxyRegistry, REPLY_PARTITION, Duration.ofSeconds(30));
    PostgresProxyConfig pg = new PostgresProxyConfig("127.0.0.1:0", "postgres:it", PostgresBackendConfig.trust(
        "127.0.0.1", SharedPostgres.server().port(), database, "postgres"), ROWS_PER_CHUNK, 64 * 1024, null);
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, verdictTimeout, null, pg);
    proxy = PostgresProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig(AGENT, AgentAuthenticator.sha256Hex(TOKEN), null))),
        publisher, replies);
  }

  static PgProxyFixture start(String databasePrefix) {
    return new PgProxyFixture(SharedPostgres.freshDatabase(databasePrefix), Duration.ofSeconds(3));
  }

  private static Decision policy(RequestIntercepted request) {
    String sql = ((SqlRequest) request.getBody()).getStatement();
    if (sql.contains("witness_silent")) {
      return null;
    }
    return sql.contains("witness_denied") ? Decision.DENY : Decision.ALLOW;
  }

  int port() {
    return proxy.port();
  }

  Connection connect() throws SQLException {
    return connect(TOKEN, new Properties());
  }

  Connection connect(String password, Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", AGENT);
    p.setProperty("password", password);
    p.setProperty("ApplicationName", "witness:purpose=IT-42");
    p.putAll(extra);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, p);
  }

  /** A connection straight to the database, around Witness. */
  Connection direct() throws SQLException {
    return DriverManager.getConnection(SharedPostgres.jdbcUrl(database), "postgres", "");
  }

  /** The recorded statements whose text contains {@code fragment}, in publication order. */
  List<SqlRequest> recorded(String fragment) {
    return responder.requests.stream().map(r -> r.getBody()).filter(SqlRequest.class::isInstance)
        .map(SqlRequest.class::cast).filter(s -> s.getStatement().contains(fragment)).toList();
  }

  /** The recorded events whose statement satisfies {@code match}. */
  List<RequestIntercepted> events(Function<SqlRequest, Boolean> match) {
    return responder.requests.stream().filter(r -> r.getBody() instanceof SqlRequest s && match.apply(s)).toList();
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {proxy, replies, publisher, responder, proxyRegistry,
        responderRegistry, registry}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }
}
