package dev.witness.evidence.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.Formats;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.TrustedKeys;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores checkpoints that verify with the trusted keys and records the others as rejections;
 * reads them back as documents.
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  /** What became of a consumed checkpoint. */
  public enum Outcome { STORED, DUPLICATE, REJECTED }

  private final Jdbi jdbi;
  private final TrustedKeys keys;

  public CheckpointStore(Jdbi jdbi, TrustedKeys keys) {
    this.jdbi = jdbi;
    this.keys = keys;
  }

  /** Verifies {@code checkpoint} and stores it, or records why it was rejected. */
  public Outcome record(Checkpoint checkpoint) {
    Optional<String> problem = CheckpointVerifier.problem(checkpoint, keys);
    if (problem.isPresent()) {
      LOG.error("checkpoint rejected checkpointId={} keyId={} problem=\"{}\"", checkpoint.getCheckpointId(),
          checkpoint.getKeyId(), problem.get());
      jdbi.useExtension(CheckpointDao.class, dao -> dao.reject(checkpoint.getCheckpointId(), checkpoint.getKeyId(),
          problem.get()));
      return Outcome.REJECTED;
    }
    CheckpointDocument doc = CheckpointDocument.of(checkpoint);
    return jdbi.inTransaction(handle -> {
      CheckpointDao dao = handle.attach(CheckpointDao.class);
      int inserted = dao.insert(checkpoint.getCheckpointId(), checkpoint.getCreatedAt(), checkpoint.getTreeSize(),
          Formats.bytes(checkpoint.getRootHash()), checkpoint.getKeyId(), Formats.bytes(checkpoint.getSignature()),
          DocumentJson.write(doc));
      if (inserted == 0) {
        return Outcome.DUPLICATE;
      }
      dao.insertHeads(checkpoint.getCheckpointId(), checkpoint.getHeads().stream()
          .map(h -> new CheckpointDao.HeadRow(h.getPartition(), h.getEntrySequence(), Formats.bytes(h.getHash()),
              Formats.bytes(h.getRoot())))
          .toList());
      return Outcome.STORED;
    });
  }

  /** Records a checkpoint that could not be verified or read. */
  public void reject(String checkpointId, String keyId, String problem) {
    jdbi.useExtension(CheckpointDao.class, dao -> dao.reject(checkpointId, keyId, problem));
  }

  /** The newest stored checkpoint. */
  public Optional<CheckpointDocument> latest() {
    return jdbi.withExtension(CheckpointDao.class, CheckpointDao::latest).map(CheckpointStore::parse);
  }

  /** A checkpoint by id. */
  public Optional<CheckpointDocument> byId(String checkpointId) {
    return jdbi.withExtension(CheckpointDao.class, dao -> dao.byId(checkpointId)).map(CheckpointStore::parse);
  }

  /** The oldest checkpoint covering an entry. */
  public Optional<CheckpointDocument> firstCovering(int partition, long sequence) {
    return jdbi.withExtension(CheckpointDao.class, dao -> dao.firstCovering(partition, sequence))
        .map(CheckpointStore::parse);
  }

  /** Every stored checkpoint, oldest first. */
  public List<CheckpointDocument> all() {
    return jdbi.withExtension(CheckpointDao.class, CheckpointDao::all).stream().map(CheckpointStore::parse).toList();
  }

  /** Number of rejected checkpoints. */
  public long rejections() {
    return jdbi.withExtension(CheckpointDao.class, CheckpointDao::rejections);
  }

  static CheckpointDocument parse(String json) {
    try {
      return DocumentJson.mapper().readValue(json, CheckpointDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored checkpoint document is not readable", e);
    }
  }
}
