package dev.witness.streams.ledger;

import dev.witness.streams.digest.Sha256;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a partition's chain stands: the sequence the next entry gets and the hash it links to.
 *
 * @param nextSequence sequence of the next entry (the number of entries so far)
 * @param lastHash hash of the last entry, 32 zero bytes before the first
 */
public record ChainHead(long nextSequence, byte[] lastHash) {

  public ChainHead {
    if (nextSequence < 0) {
      throw new IllegalArgumentException("nextSequence must not be negative: " + nextSequence);
    }
    if (lastHash.length != Sha256.SIZE) {
      throw new IllegalArgumentException("lastHash must be " + Sha256.SIZE + " bytes, got " + lastHash.length);
    }
    lastHash = lastHash.clone();
  }

  /** The head of an empty chain. */
  public static ChainHead genesis() {
    return new ChainHead(0, new byte[Sha256.SIZE]);
  }

  /** The link an event with these canonical bytes gets when appended here. */
  public ChainLink append(byte[] canonicalEvent) {
    return new ChainLink(nextSequence, lastHash, LedgerChain.hash(lastHash, canonicalEvent));
  }

  @Override
  public byte[] lastHash() {
    return lastHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainHead other && nextSequence == other.nextSequence && Arrays.equals(lastHash, other.lastHash);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(nextSequence) + Arrays.hashCode(lastHash);
  }

  @Override
  public String toString() {
    return "ChainHead[nextSequence=" + nextSequence + ", lastHash=" + HexFormat.of().formatHex(lastHash) + "]";
  }
}
