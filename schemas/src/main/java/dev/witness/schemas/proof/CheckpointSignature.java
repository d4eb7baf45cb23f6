package dev.witness.schemas.proof;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.PartitionHead;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Ed25519 signature of a checkpoint. What is signed is a fixed byte layout of every field but
 * the signature, not its Avro encoding, so adding a field to the schema never changes the bytes an
 * old checkpoint was signed over. All integers big-endian; {@code str} is an int32 length and UTF-8
 * bytes, {@code bin} an int32 length (-1 for null) and the bytes:
 * <pre>
 * "witness.checkpoint.v1" 0x00
 * str checkpointId, int64 createdAt (epoch microseconds), int32 number of heads,
 * per head: int32 partition, int64 entrySequence, bin hash, bin root
 * int64 treeSize, bin rootHash, str keyId
 * </pre>
 */
public final class CheckpointSignature {

  /** The first bytes signed, naming the layout. */
  public static final String DOMAIN = "witness.checkpoint.v1";

  private CheckpointSignature() {}

  /** The bytes the signature of {@code checkpoint} covers. */
  public static byte[] signedBytes(Checkpoint checkpoint) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 96 * checkpoint.getHeads().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(DOMAIN.getBytes(StandardCharsets.US_ASCII));
      out.write(0);
      string(out, checkpoint.getCheckpointId());
      out.writeLong(micros(checkpoint.getCreatedAt()));
      out.writeInt(checkpoint.getHeads().size());
      for (PartitionHead head : checkpoint.getHeads()) {
        out.writeInt(head.getPartition());
        out.writeLong(head.getEntrySequence());
        binary(out, head.getHash());
        binary(out, head.getRoot());
      }
      out.writeLong(checkpoint.getTreeSize());
      binary(out, checkpoint.getRootHash());
      string(out, checkpoint.getKeyId());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen in memory", e);
    }
    return bytes.toByteArray();
  }

  /** A copy of {@code checkpoint} with {@code signer}'s key id and signature. */
  public static Checkpoint sign(Checkpoint checkpoint, CheckpointSigner signer) {
    Checkpoint withKey = Checkpoint.newBuilder(checkpoint).setKeyId(signer.keyId()).setSignature(ByteBuffer.allocate(0)).build();
    return Checkpoint.newBuilder(withKey).setSignature(ByteBuffer.wrap(signer.sign(signedBytes(withKey)))).build();
  }

  /** Whether a key of {@code keys} with the checkpoint's key id signed it. */
  public static boolean verify(Checkpoint checkpoint, TrustedKeys keys) {
    return keys.verify(checkpoint.getKeyId(), signedBytes(checkpoint), PartitionRoot.bytes(checkpoint.getSignature()));
  }

  /** Epoch microseconds, the precision of {@code createdAt}. */
  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static void binary(DataOutputStream out, ByteBuffer value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = PartitionRoot.bytes(value);
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
