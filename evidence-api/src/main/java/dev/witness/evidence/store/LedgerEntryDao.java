package dev.witness.evidence.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of {@code ledger_entries}: append and read; the table refuses anything else. */
public interface LedgerEntryDao {

  /**
   * Appends rows, skipping events already stored (re-delivery). Returns per row 1 if inserted, 0
   * if it was a duplicate.
   */
  @SqlBatch("""
      INSERT INTO ledger_entries (ledger_partition, entry_sequence, event_id, session_id, event_type, event_time,
          recorded_at, agent_id, purpose, resource, protocol, request_id, previous_hash, hash, ledger_schema_id,
          event_schema, event_avro, event_json)
      VALUES (:ledgerPartition, :entrySequence, :eventId, :sessionId, :eventType, :eventTime, :recordedAt, :agentId,
          :purpose, :resource, :protocol, :requestId, :previousHash, :hash, :ledgerSchemaId, :eventSchema, :eventAvro,
          CAST(:eventJson AS jsonb))
      ON CONFLICT (event_id) DO NOTHING
      """)
  int[] insert(@BindMethods List<LedgerRow> rows);

  /**
   * Events of a session in causal order (session sequence, then request, verdict, approvals,
   * response; ledger position breaks ties), after the given position.
   */
  @SqlQuery("""
      SELECT ledger_partition, entry_sequence, (event_json ->> 'sequence')::bigint AS session_sequence,
          witness_event_rank(event_type) AS event_rank, event_json::text AS event_json
      FROM ledger_entries
      WHERE session_id = :sessionId
        AND ((event_json ->> 'sequence')::bigint, witness_event_rank(event_type), ledger_partition, entry_sequence)
            > (:afterSessionSequence, :afterRank, :afterPartition, :afterEntry)
      ORDER BY (event_json ->> 'sequence')::bigint, witness_event_rank(event_type), ledger_partition, entry_sequence
      LIMIT :limit
      """)
  @RegisterRowMapper(StoredEventMapper.class)
  List<StoredEvent> sessionEvents(@Bind("sessionId") String sessionId,
      @Bind("afterSessionSequence") long afterSessionSequence, @Bind("afterRank") int afterRank,
      @Bind("afterPartition") int afterPartition, @Bind("afterEntry") long afterEntry, @Bind("limit") int limit);

  /** Events across sessions matching {@code query}, oldest first; see {@link EventQuery}. */
  @SqlQuery("""
      SELECT event_time, ledger_partition, entry_sequence, event_json::text AS event_json
      FROM ledger_entries
      WHERE (CAST(:agent AS text) IS NULL OR agent_id = :agent)
        AND (CAST(:resource AS text) IS NULL OR resource = :resource)
        AND (CAST(:sessionId AS text) IS NULL OR session_id = :sessionId)
        AND (CAST(:type AS text) IS NULL OR event_type = :type)
        AND (CAST(:from AS timestamptz) IS NULL OR event_time >= :from)
        AND (CAST(:to AS timestamptz) IS NULL OR event_time < :to)
        AND (CAST(:risk AS text) IS NULL OR witness_event_risk(event_type, event_json) = :risk)
        AND (CAST(:decision AS text) IS NULL
             OR (event_type = 'verdict' AND event_json #>> '{verdict,decision}' = :decision))
        AND (CAST(:afterTime AS timestamptz) IS NULL
             OR (event_time, ledger_partition, entry_sequence) > (:afterTime, :afterPartition, :afterEntry))
      ORDER BY event_time, ledger_partition, entry_sequence
      LIMIT :limit
      """)
  @RegisterRowMapper(ListedEventMapper.class)
  List<ListedEvent> events(@BindMethods EventQuery query);

  /** Where the given events are stored. */
  @SqlQuery("SELECT event_id, ledger_partition, entry_sequence FROM ledger_entries WHERE event_id IN (<eventIds>)")
  @RegisterRowMapper(StoredPositionMapper.class)
  List<StoredPosition> positions(@BindList("eventIds") List<String> eventIds);

  /** Number of stored entries. */
  @SqlQuery("SELECT count(*) FROM ledger_entries")
  long count();
}
