package dev.witness.streams.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The chain fields of one ledger entry.
 *
 * @param entrySequence gap-free position in the partition's chain, from 0
 * @param previousHash hash of the previous entry, 32 zero bytes for the first
 * @param hash SHA-256(previousHash || canonical bytes of the event)
 */
public record ChainLink(long entrySequence, byte[] previousHash, byte[] hash) {

  public ChainLink {
    previousHash = previousHash.clone();
    hash = hash.clone();
  }

  /** The head of the chain once this link is appended. */
  public ChainHead next() {
    return new ChainHead(entrySequence + 1, hash);
  }

  @Override
  public byte[] previousHash() {
    return previousHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainLink other
        && entrySequence == other.entrySequence
        && Arrays.equals(previousHash, other.previousHash)
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(entrySequence) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "ChainLink[entrySequence=" + entrySequence + ", hash=" + HexFormat.of().formatHex(hash) + "]";
  }
}
