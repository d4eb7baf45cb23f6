package dev.witness.evidence.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code checkpoints}, {@code checkpoint_heads} and {@code checkpoint_rejections}. */
public interface CheckpointDao {

  /** Stores a verified checkpoint; 0 when its id is already stored (re-delivery). */
  @SqlUpdate("""
      INSERT INTO checkpoints (checkpoint_id, created_at, tree_size, root_hash, key_id, signature, checkpoint_json)
      VALUES (:checkpointId, :createdAt, :treeSize, :rootHash, :keyId, :signature, CAST(:json AS jsonb))
      ON CONFLICT (checkpoint_id) DO NOTHING
      """)
  int insert(@Bind("checkpointId") String checkpointId, @Bind("createdAt") Instant createdAt,
      @Bind("treeSize") long treeSize, @Bind("rootHash") byte[] rootHash, @Bind("keyId") String keyId,
      @Bind("signature") byte[] signature, @Bind("json") String json);

  @SqlBatch("""
      INSERT INTO checkpoint_heads (checkpoint_id, ledger_partition, entry_sequence, hash, root)
      VALUES (:checkpointId, :partition, :entrySequence, :hash, :root)
      """)
  void insertHeads(@Bind("checkpointId") String checkpointId, @BindMethods List<HeadRow> heads);

  @SqlUpdate("INSERT INTO checkpoint_rejections (checkpoint_id, key_id, problem) VALUES (:id, :keyId, :problem)")
  void reject(@Bind("id") String checkpointId, @Bind("keyId") String keyId, @Bind("problem") String problem);

  /** The newest checkpoint's document. */
  @SqlQuery("SELECT checkpoint_json::text FROM checkpoints ORDER BY created_at DESC, checkpoint_id DESC LIMIT 1")
  Optional<String> latest();

  @SqlQuery("SELECT checkpoint_json::text FROM checkpoints WHERE checkpoint_id = :id")
  Optional<String> byId(@Bind("id") String checkpointId);

  /** The oldest checkpoint covering entry {@code sequence} of {@code partition}. */
  @SqlQuery("""
      SELECT c.checkpoint_json::text FROM checkpoint_heads h JOIN checkpoints c USING (checkpoint_id)
      WHERE h.ledger_partition = :partition AND h.entry_sequence >= :sequence
      ORDER BY c.created_at, c.checkpoint_id
      LIMIT 1
      """)
  Optional<String> firstCovering(@Bind("partition") int partition, @Bind("sequence") long sequence);

  /** All checkpoint documents, oldest first (rebuild comparisons, exports). */
  @SqlQuery("SELECT checkpoint_json::text FROM checkpoints ORDER BY created_at, checkpoint_id")
  List<String> all();

  @SqlQuery("SELECT count(*) FROM checkpoint_rejections")
  long rejections();

  /** One head row. */
  record HeadRow(int partition, long entrySequence, byte[] hash, byte[] root) {}
}
