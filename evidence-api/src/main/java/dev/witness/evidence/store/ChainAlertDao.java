package dev.witness.evidence.store;

import dev.witness.evidence.chain.ChainBreak;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of {@code chain_alerts}: breaks of the ledger chain found while ingesting. */
public interface ChainAlertDao {

  @SqlBatch("""
      INSERT INTO chain_alerts (ledger_partition, entry_sequence, event_id, problem)
      VALUES (:partition, :sequence, :eventId, :problem)
      """)
  void insert(@BindMethods List<ChainBreak> breaks);

  /** Number of recorded breaks. */
  @SqlQuery("SELECT count(*) FROM chain_alerts")
  long count();
}
