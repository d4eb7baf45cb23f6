package dev.witness.streams.masking;

import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.EnvelopeException;
import dev.witness.schemas.envelope.SealedBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state store serde that encrypts what {@code inner} writes with the active data key: raw bytes held
 * across chunks reach the store's changelog topic, which must not hold them in clear either. A value
 * that no longer decrypts (its key retired) reads as absent, and the masker treats it as nothing held.
 */
final class SealedSerde {

  private static final Logger log = LoggerFactory.getLogger(SealedSerde.class);

  private SealedSerde() {}

  static <T> Serde<T> of(Serde<T> inner, Supplier<DataKeyRing> keys, String store) {
    byte[] aad = ("witness state store " + store).getBytes(StandardCharsets.UTF_8);
    SecureRandom random = new SecureRandom();
    Serializer<T> serializer = (topic, value) -> {
      byte[] plain = inner.serializer().serialize(topic, value);
      return plain == null ? null : SealedBytes.seal(plain, aad, keys.get().active(), random);
    };
    Deserializer<T> deserializer = (topic, sealed) -> {
      if (sealed == null) {
        return null;
      }
      try {
        return inner.deserializer().deserialize(topic, SealedBytes.open(sealed, aad, keys.get()));
      } catch (EnvelopeException e) {
        log.warn("sealed state dropped store={} reason={} error=\"{}\"", store, e.reason(), e.getMessage());
        return null;
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
