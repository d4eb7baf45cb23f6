package dev.witness.streams;

/**
 * Names of the Witness Streams applications and of their internal topics and stores. The names of
 * internal topics and stores are part of the deployed state: renaming one orphans its data.
 */
public final class TopologyNames {

  /** The verdict topology's application id suffix (at-least-once, interactive). */
  public static final String VERDICTS = "verdicts";

  /** The masking topology's application id suffix (at-least-once, interactive). */
  public static final String MASKING = "masking";

  /** The ledger topology's application id suffix (exactly-once). */
  public static final String LEDGER = "ledger";

  /** The approval topology's application id suffix (at-least-once). */
  public static final String APPROVALS = "approvals";

  /** Name of the approval topology's store of approvals by approval id. */
  public static final String APPROVAL_STORE = "approval-states";

  /** Name of the verdict topology's global store of granted approvals by agent and request hash. */
  public static final String GRANT_STORE = "approval-grants";

  /** Name of the ledger's repartition by session id. */
  public static final String LEDGER_REPARTITION = "ledger-by-session";

  /** Name of the ledger's store of chain heads. */
  public static final String LEDGER_CHAIN_STORE = "ledger-chain-heads";

  /** Name of the ledger's store of event ids already chained, which keeps re-deliveries out of the chain. */
  public static final String LEDGER_CHAINED_IDS_STORE = "ledger-chained-event-ids";

  /** Name of the ledger's index of chained event ids by time, which bounds the store above. */
  public static final String LEDGER_CHAINED_EXPIRY_STORE = "ledger-chained-event-expiry";

  /** The checkpointer's application id suffix (exactly-once). */
  public static final String CHECKPOINTS = "checkpoints";

  /** Name of the checkpointer's store of each ledger partition's compact Merkle tree. */
  public static final String CHECKPOINT_TREES_STORE = "checkpoint-partition-trees";

  /** Name of the single-partition repartition that brings every partition's root to one task. */
  public static final String CHECKPOINT_REPARTITION = "checkpoint-partition-roots";

  /** Name of the checkpointer's store of the newest reported root of each partition. */
  public static final String CHECKPOINT_ROOTS_STORE = "checkpoint-latest-roots";

  /** Name of the checkpointer's store of how many entries the last checkpoint covered. */
  public static final String CHECKPOINT_LAST_STORE = "checkpoint-last";

  /** The SIEM projection's application id suffix (at-least-once). */
  public static final String SIEM = "siem";

  /** Name of the SIEM projection's repartition of requests and verdicts by session id. */
  public static final String SIEM_REPARTITION = "siem-by-session";

  /** Name of the SIEM projection's store of requests and verdicts waiting for their other half. */
  public static final String SIEM_PENDING_STORE = "siem-pending";

  /** Name of the SIEM projection's store of allowed requests waiting for their response. */
  public static final String SIEM_ALLOWED_STORE = "siem-allowed";

  private TopologyNames() {}

  /** The application id of {@code topology} under {@code prefix}, e.g. {@code witness-ledger}. */
  public static String applicationId(String prefix, String topology) {
    return prefix + "-" + topology;
  }

  /** The internal topic the ledger application repartitions through. */
  public static String ledgerRepartitionTopic(String ledgerApplicationId) {
    return ledgerApplicationId + "-" + LEDGER_REPARTITION + "-repartition";
  }

  /** The changelog topic of the approval topology's store of approvals. */
  public static String approvalStateChangelogTopic(String approvalsApplicationId) {
    return approvalsApplicationId + "-" + APPROVAL_STORE + "-changelog";
  }

  /** The changelog topic of the ledger's chain heads. */
  public static String ledgerChainChangelogTopic(String ledgerApplicationId) {
    return ledgerApplicationId + "-" + LEDGER_CHAIN_STORE + "-changelog";
  }

  /** The changelog topic of the ledger's chained event ids. */
  public static String ledgerChainedIdsChangelogTopic(String ledgerApplicationId) {
    return ledgerApplicationId + "-" + LEDGER_CHAINED_IDS_STORE + "-changelog";
  }

  /** The changelog topic of the ledger's index of chained event ids by time. */
  public static String ledgerChainedExpiryChangelogTopic(String ledgerApplicationId) {
    return ledgerApplicationId + "-" + LEDGER_CHAINED_EXPIRY_STORE + "-changelog";
  }
}
