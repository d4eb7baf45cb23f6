package dev.witness.evidence.approval;

import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The approval endpoints of the evidence API ({@code /v1/approvals}), for the {@code approver}
 * role: the non-Slack way to answer approval requests. Reads approvals from the evidence store,
 * the votes of pending ones from {@code witness.approval-decisions}, and writes decisions there.
 */
public final class ApprovalApi implements AutoCloseable {

  private final DecisionPublisher publisher;
  private final DecisionFeed feed;

  private ApprovalApi(DecisionPublisher publisher, DecisionFeed feed) {
    this.publisher = publisher;
    this.feed = feed;
  }

  /**
   * Adds the approval routes to an app built by {@code EvidenceApi.create} (whose access control
   * authenticates callers), before it starts, with a Kafka producer for decisions and a reader of
   * the votes received; close the result after the app stopped.
   *
   * @param dataSource the migrated evidence store
   * @param users the API users, for the e-mail address recorded with their decisions
   */
  public static ApprovalApi start(Javalin app, DataSource dataSource, String kafkaBootstrap,
      SchemaRegistryClient registry, List<ApiUserConfig> users) {
    Clock clock = Clock.systemUTC();
    PendingVotes votes = new PendingVotes();
    DecisionPublisher publisher = KafkaDecisionPublisher.create(kafkaBootstrap, registry,
        KafkaDecisionPublisher.DEFAULT_TIMEOUT, Map.of());
    DecisionFeed feed = DecisionFeed.create(kafkaBootstrap, Map.of(), registry, votes, clock);
    register(app, dataSource, publisher, votes, users, clock);
    feed.start();
    return new ApprovalApi(publisher, feed);
  }

  /** Adds the routes only, with no votes of pending approvals; the caller owns {@code publisher}. */
  public static void register(Javalin app, DataSource dataSource, DecisionPublisher publisher,
      List<ApiUserConfig> users, Clock clock) {
    register(app, dataSource, publisher, new PendingVotes(), users, clock);
  }

  /** Adds the routes; the caller owns {@code publisher} and feeds {@code votes}. */
  public static void register(Javalin app, DataSource dataSource, DecisionPublisher publisher, PendingVotes votes,
      List<ApiUserConfig> users, Clock clock) {
    Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    Map<String, String> emails = new HashMap<>();
    for (ApiUserConfig user : users) {
      if (user.email() != null) {
        emails.put(user.id(), user.email());
      }
    }
    ApprovalController.register(app, jdbi.onDemand(ApprovalDao.class), publisher, new DecisionFactory(clock),
        Map.copyOf(emails), votes);
  }

  /** Stops reading votes and closes the decision producer. */
  @Override
  public void close() {
    feed.close();
    publisher.close();
  }
}
