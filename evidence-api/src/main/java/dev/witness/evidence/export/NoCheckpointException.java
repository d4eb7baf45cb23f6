package dev.witness.evidence.export;

/** Nothing can be exported provably before the first checkpoint is stored. */
public final class NoCheckpointException extends RuntimeException {

  public NoCheckpointException() {
    super("No checkpoint has been stored yet, so no entry can be proven; wait for the first checkpoint", null, false,
        false);
  }
}
