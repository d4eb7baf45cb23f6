package dev.witness.evidence;

import dev.witness.evidence.api.ApiAuthenticator;
import dev.witness.evidence.api.EvidenceApi;
import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.approval.ApprovalApi;
import dev.witness.evidence.checkpoint.CheckpointIngestor;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.ingest.IngestStatus;
import dev.witness.evidence.ingest.LedgerConsumers;
import dev.witness.evidence.ingest.LedgerIngestor;
import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.StoreMigrations;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.config.EvidenceConfig;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running evidence service: migrated store, ledger and checkpoint ingestors and REST API. The launcher
 * starts it with {@link #start} and stops it with {@link #close}.
 */
public final class EvidenceService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

  private final LedgerIngestor ingestor;
  private final CheckpointIngestor checkpointIngestor;
  private final Javalin app;
  private final ListenAddress bound;
  private final ApprovalApi approvals;

  private EvidenceService(LedgerIngestor ingestor, CheckpointIngestor checkpointIngestor, Javalin app,
      ListenAddress bound, ApprovalApi approvals) {
    this.ingestor = ingestor;
    this.checkpointIngestor = checkpointIngestor;
    this.app = app;
    this.bound = bound;
    this.approvals = approvals;
  }

  /** Starts against a database given by JDBC URL (no connection pool; prefer the DataSource form). */
  public static EvidenceService start(EvidenceConfig config, String jdbcUrl, String user, String password,
      String kafkaBootstrap, SchemaRegistryClient registry, List<ApiUserConfig> users) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return start(config, dataSource, kafkaBootstrap, registry, users);
  }

  /** Starts with default consumer settings. */
  public static EvidenceService start(EvidenceConfig config, DataSource dataSource, String kafkaBootstrap,
      SchemaRegistryClient registry, List<ApiUserConfig> users) {
    return start(config, dataSource, kafkaBootstrap, Map.of(), registry, users);
  }

  /**
   * As {@link #start(EvidenceConfig, DataSource, String, Map, SchemaRegistryClient, List, TrustedKeys)}
   * trusting no checkpoint key: every checkpoint is rejected (and recorded as such) until keys are given.
   */
  public static EvidenceService start(EvidenceConfig config, DataSource dataSource, String kafkaBootstrap,
      Map<String, Object> consumerOverrides, SchemaRegistryClient registry, List<ApiUserConfig> users) {
    return start(config, dataSource, kafkaBootstrap, consumerOverrides, registry, users, TrustedKeys.of(List.of()));
  }

  /**
   * Migrates the store, starts ingesting {@code witness.ledger} and {@code witness.checkpoints}
   * and serves the API on {@code config.listen()}.
   *
   * @param consumerOverrides extra Kafka consumer settings (security, timeouts)
   * @param trustedKeys the public keys checkpoints must be signed with; bundles carry them too
   * @throws IllegalArgumentException on bad settings, naming them
   * @throws IllegalStateException when the listen port is in use, naming it
   */
  public static EvidenceService start(EvidenceConfig config, DataSource dataSource, String kafkaBootstrap,
      Map<String, Object> consumerOverrides, SchemaRegistryClient registry, List<ApiUserConfig> users,
      TrustedKeys trustedKeys) {
    return start(config, dataSource, kafkaBootstrap, consumerOverrides, registry, users, trustedKeys, app -> { });
  }

  /**
   * As above, with routes other modules serve on the same server outside {@code /v1} (the Slack
   * interactivity endpoint), added before it binds.
   */
  public static EvidenceService start(EvidenceConfig config, DataSource dataSource, String kafkaBootstrap,
      Map<String, Object> consumerOverrides, SchemaRegistryClient registry, List<ApiUserConfig> users,
      TrustedKeys trustedKeys, Consumer<Javalin> extraRoutes) {
    ListenAddress listen = ListenAddress.parse(config.listen());
    ApiAuthenticator authenticator = new ApiAuthenticator(users);
    StoreMigrations.migrate(dataSource);
    EvidenceStore store = EvidenceStore.on(dataSource);
    CheckpointStore checkpoints = new CheckpointStore(store.jdbi(), trustedKeys);
    LedgerIngestor ingestor = new LedgerIngestor(LedgerConsumers.create(kafkaBootstrap, consumerOverrides),
        Topics.LEDGER.name(), new LedgerRecordConverter(registry), store, Clock.systemUTC(), INITIAL_BACKOFF);
    CheckpointIngestor checkpointIngestor = new CheckpointIngestor(
        CheckpointIngestor.consumer(kafkaBootstrap, consumerOverrides), Topics.CHECKPOINTS.name(), registry,
        checkpoints, INITIAL_BACKOFF);
    Javalin app = EvidenceApi.create(store, checkpoints, trustedKeys, exportKey(config), authenticator,
        () -> new Readiness(store.isReachable(), ingestor.status()));
    // approval decisions are the evidence API's only write to Kafka
    ApprovalApi approvals = ApprovalApi.start(app, dataSource, kafkaBootstrap, registry, users);
    try {
      extraRoutes.accept(app);
      // bind first: a taken port must fail the start before anything is consumed
      app.start(listen.host(), listen.port());
    } catch (JavalinBindException e) {
      ingestor.close();
      checkpointIngestor.close();
      approvals.close();
      throw new IllegalStateException("Evidence API cannot listen on " + listen
          + ": the port is already in use; free it or change evidence.listen", e);
    } catch (RuntimeException e) {
      ingestor.close();
      checkpointIngestor.close();
      approvals.close();
      throw e;
    }
    ingestor.start();
    checkpointIngestor.start();
    ListenAddress bound = new ListenAddress(listen.host(), app.port());
    LOG.info("evidence service started listen={} users={} trustedKeys={}", bound, users.size(),
        trustedKeys.keyIds());
    return new EvidenceService(ingestor, checkpointIngestor, app, bound, approvals);
  }

  /**
   * The key in {@code evidence.exportKeyFile}, which must exist (a production key is never made up
   * on the spot; standalone creates its own before starting the service); none: exports refused.
   */
  private static Optional<SigningKey> exportKey(EvidenceConfig config) {
    if (config.exportKeyFile() == null) {
      LOG.warn("no evidence.exportKeyFile: exports are refused until an export signing key is configured");
      return Optional.empty();
    }
    Path file = Path.of(config.exportKeyFile());
    try {
      SigningKey key = SigningKeys.load(file);
      LOG.info("export signing key loaded keyId={}", key.keyId());
      return Optional.of(key);
    } catch (IOException e) {
      throw new IllegalArgumentException("evidence.exportKeyFile: cannot read " + file + " (" + e.getMessage()
          + "); create one with: openssl genpkey -algorithm ed25519 -out " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("evidence.exportKeyFile: " + e.getMessage()
          + "; it must be an Ed25519 private key in PKCS#8 PEM", e);
    }
  }

  /** The port the API is bound to (the chosen one when configured as 0). */
  public int port() {
    return bound.port();
  }

  /** Where the API listens. */
  public ListenAddress address() {
    return bound;
  }

  /** The ingestor's status, for the launcher's own health reporting. */
  public IngestStatus ingestStatus() {
    return ingestor.status();
  }

  /** Stops the API, then the ingestors (which finish their current batch). */
  @Override
  public void close() {
    app.stop();
    approvals.close();
    ingestor.close();
    checkpointIngestor.close();
    LOG.info("evidence service stopped listen={}", bound);
  }
}
