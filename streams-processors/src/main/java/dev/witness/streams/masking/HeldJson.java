package dev.witness.streams.masking;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The raw bytes of a JSON response held across its chunks until the last one, so a value cut by a
 * chunk boundary is masked whole (state of {@link MaskingProcessor}, keyed by request id).
 *
 * @param nextIndex the chunk index expected next; a lower one is a redelivery whose bytes are held already
 * @param overflowed the body outgrew {@code masking.jsonBufferBytes}: later chunks are masked one by one
 * @param heldAt wall-clock milliseconds of the last update; a body whose last chunk never came is dropped
 * @param bytes the body so far (empty once overflowed)
 */
record HeldJson(int nextIndex, boolean overflowed, long heldAt, byte[] bytes) {

  static final HeldJson NONE = new HeldJson(0, false, 0, new byte[0]);

  private static final byte VERSION = 1;

  /** Local state only (changelogged, never shared): a version byte, the index, the flag, the bytes. */
  static Serde<HeldJson> serde() {
    Serializer<HeldJson> serializer = (topic, held) -> held == null ? null
        : ByteBuffer.allocate(1 + 4 + 1 + 8 + held.bytes.length).put(VERSION).putInt(held.nextIndex)
            .put((byte) (held.overflowed ? 1 : 0)).putLong(held.heldAt).put(held.bytes).array();
    Deserializer<HeldJson> deserializer = (topic, data) -> {
      if (data == null) {
        return null;
      }
      ByteBuffer in = ByteBuffer.wrap(data);
      if (in.get() != VERSION) {
        throw new IllegalStateException("held JSON written by an unknown version");
      }
      int next = in.getInt();
      boolean overflowed = in.get() == 1;
      long heldAt = in.getLong();
      byte[] bytes = new byte[in.remaining()];
      in.get(bytes);
      return new HeldJson(next, overflowed, heldAt, bytes);
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
