package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.routing.ReplyPartitioner;
import dev.witness.schemas.config.MaskingConfig;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masks raw response chunks: {@code witness.responses.raw} to a {@link MaskedChunk} on the
 * {@code witness.replies} partition of the waiting proxy, keyed by session id.
 */
public final class MaskingTopology {

  private static final Logger log = LoggerFactory.getLogger(MaskingTopology.class);

  private MaskingTopology() {}

  /** The topology masking with the default {@link MaskingConfig} (content detection, no field rules). */
  public static Topology build(SchemaRegistryClient registry, Clock clock) {
    return build(registry, MaskingConfig.defaults(), clock);
  }

  /**
   * The topology masking by {@code config}; everything is compiled here (patterns, paths, keys), so a
   * bad configuration fails at start, not on the first chunk.
   */
  public static Topology build(SchemaRegistryClient registry, MaskingConfig config, Clock clock) {
    return build(registry, ContentMasker.of(config, clock), config.jsonBufferBytes(),
        RawChunkOpener.of(config.rawEncryption(), clock));
  }

  /** The topology masking with {@code masker}, keeping SQL result heads across a request's chunks. */
  public static Topology build(SchemaRegistryClient registry, ContentMasker masker) {
    return build(registry, masker, MaskingConfig.DEFAULT_JSON_BUFFER_BYTES);
  }

  /**
   * The topology masking with {@code masker}, keeping SQL result heads and up to
   * {@code jsonBufferBytes} of a JSON body across a request's chunks.
   */
  public static Topology build(SchemaRegistryClient registry, ContentMasker masker, int jsonBufferBytes) {
    return build(registry, masker, jsonBufferBytes, RawChunkOpener.disabled());
  }

  /**
   * The topology decrypting each raw chunk with {@code opener} (refusing what does not decrypt), then
   * masking it with {@code masker}, keeping SQL result heads and up to {@code jsonBufferBytes} of a
   * JSON body across a request's chunks.
   */
  public static Topology build(SchemaRegistryClient registry, ContentMasker masker, int jsonBufferBytes,
      RawChunkOpener opener) {
    StreamsBuilder builder = new StreamsBuilder();
    // Timestamped (wall clock of the put) so heads of requests whose last chunk never comes are purged.
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
        Stores.persistentTimestampedKeyValueStore(MaskingProcessor.HEADS_STORE), Serdes.String(),
        SqlResultHeadSerde.create()));
    // Decrypted bytes held for a JSON body stay encrypted at rest (state store and changelog topic).
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(MaskingProcessor.JSON_STORE), Serdes.String(),
        opener.enabled() ? SealedSerde.of(HeldJson.serde(), opener.keys(), MaskingProcessor.JSON_STORE) : HeldJson.serde()));
    builder.stream(Topics.RESPONSES_RAW.name(),
            Consumed.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW))
                .withName("masking-raw-chunks"))
        .process(() -> new MaskingProcessor(masker, jsonBufferBytes, opener), Named.as("masking-mask"),
            MaskingProcessor.HEADS_STORE, MaskingProcessor.JSON_STORE)
        .to(Topics.REPLIES.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REPLIES))
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("masking-replies"));
    return builder.build();
  }

  /** The topology with a masker that needs no state across chunks (tests, pass-through). */
  public static Topology build(SchemaRegistryClient registry, ChunkMasker masker) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.RESPONSES_RAW.name(),
            Consumed.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW))
                .withName("masking-raw-chunks"))
        .filter((sessionId, chunk) -> chunk != null, Named.as("masking-skip-tombstones"))
        .map((sessionId, chunk) -> mask(masker, chunk), Named.as("masking-mask"))
        .to(Topics.REPLIES.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.REPLIES))
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("masking-replies"));
    return builder.build();
  }

  private static KeyValue<String, SpecificRecord> mask(ChunkMasker masker, ResponseChunk chunk) {
    MaskedChunk masked = masker.mask(chunk);
    log.debug("masked requestId={} sessionId={} chunkIndex={} last={} maskings={} error={}",
        masked.getRequestId(), masked.getHeader().getSessionId(), masked.getChunkIndex(), masked.getLast(),
        masked.getMaskings().size(), masked.getError() != null);
    return KeyValue.pair(masked.getHeader().getSessionId(), masked);
  }
}
