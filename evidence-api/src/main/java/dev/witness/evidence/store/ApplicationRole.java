package dev.witness.evidence.store;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database role the evidence service's own queries run as: INSERT and SELECT on the evidence
 * tables (and TEMPORARY on the database, for ingest's staging table), and nothing else, so even with
 * the append-only triggers disabled by the owner it cannot
 * change or remove evidence. The one exception is UPDATE on {@code sessions}, the per-session
 * counters derived from the ledger (rebuilt by {@code witness evidence rebuild}); no evidence lives
 * there. Migrations and rebuilds run as the schema owner.
 */
public final class ApplicationRole {

  /** The role standalone creates. */
  public static final String STANDALONE_ROLE = "witness_app";

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationRole.class);
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ApplicationRole() {}

  /**
   * Creates {@code role} as a login role if it does not exist and sets its privileges on the
   * migrated evidence schema to exactly the above, revoking anything else it had there. Run as
   * the schema owner, after {@link StoreMigrations#migrate}.
   *
   * @param password the password of the role if this creates it, or null to leave it unset (local
   *     trust authentication); an existing role's password is left as it is
   * @throws IllegalArgumentException if {@code role} is not a plain lower-case identifier
   */
  public static void grant(DataSource owner, String role, String password) {
    if (!NAME.matcher(role).matches()) {
      throw new IllegalArgumentException("application role '" + role
          + "' must be a lower-case identifier (letters, digits, underscore)");
    }
    Jdbi.create(owner).useTransaction(h -> {
      boolean exists = h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)")
          .bind("role", role).mapTo(Boolean.class).one();
      if (!exists) {
        h.execute("CREATE ROLE " + role + " LOGIN");
      }
      // only a role created here gets its password; an existing one keeps what its administrator set
      if (password != null && !exists) {
        String alter = h.createQuery("SELECT format('ALTER ROLE %I PASSWORD %L', :role, :password)")
            .bind("role", role).bind("password", password).mapTo(String.class).one();
        h.execute(alter);
      }
      String schema = h.createQuery("SELECT current_schema()").mapTo(String.class).one();
      String s = h.createQuery("SELECT format('%I', :schema)").bind("schema", schema).mapTo(String.class).one();
      h.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + s + " FROM " + role);
      h.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + s + " FROM " + role);
      // PostgreSQL before 15 lets PUBLIC create in schema public; the evidence database holds only Witness's tables
      h.execute("REVOKE CREATE ON SCHEMA " + s + " FROM PUBLIC, " + role);
      h.execute("GRANT USAGE ON SCHEMA " + s + " TO " + role);
      // every table, so tables later migrations add are covered too; never UPDATE, DELETE or TRUNCATE
      h.execute("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA " + s + " TO " + role);
      h.execute("GRANT UPDATE ON " + s + ".sessions TO " + role);
      // identity columns (chain_alerts, checkpoint_rejections) draw from sequences
      h.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + s + " TO " + role);
      // Flyway reads its history at start to confirm nothing is pending; only the owner records migrations
      h.execute("REVOKE INSERT ON " + s + ".flyway_schema_history FROM " + role);
      // ingest stages a batch in a temporary table when another ingestor races it (LedgerBatchInsert);
      // granted explicitly, as PUBLIC's default TEMPORARY privilege may have been revoked
      String database = h.createQuery("SELECT format('%I', current_database())").mapTo(String.class).one();
      h.execute("GRANT TEMPORARY ON DATABASE " + database + " TO " + role);
    });
    LOG.info("evidence application role granted role={} privileges=\"INSERT, SELECT; UPDATE on sessions; TEMPORARY\"",
        role);
  }
}
