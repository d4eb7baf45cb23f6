package dev.witness.proxy.publish;

import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.envelope.ChunkEnvelope;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.ReloadingKeyRing;
import dev.witness.schemas.event.ResponseChunk;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Encrypts every raw response chunk (PostgreSQL rows, HTTP, MCP and OpenAI bodies, SSE events,
 * Kubernetes streams: all reach {@code witness.responses.raw} through here) with the key ring's
 * active data key before the wrapped publisher writes it, so the raw payload never rests in Kafka
 * in clear. Requests and decisions pass unchanged (their secrets are redacted by the event factories).
 */
public final class EncryptingEventPublisher extends ForwardingEventPublisher {

  private final Supplier<DataKeyRing> keys;
  private final SecureRandom random;

  public EncryptingEventPublisher(EventPublisher delegate, Supplier<DataKeyRing> keys, SecureRandom random) {
    super(delegate);
    this.keys = keys;
    this.random = random;
  }

  /**
   * {@code delegate} encrypting with the key ring file of {@code raw} (followed across rotations)
   * when encryption is on, else {@code delegate} itself. Fails at start when the file cannot be read.
   */
  public static EventPublisher wrap(EventPublisher delegate, RawEncryptionConfig raw) {
    if (!raw.active()) {
      return delegate;
    }
    return new EncryptingEventPublisher(delegate, ReloadingKeyRing.openConfigured(raw.keyRingFile()), new SecureRandom());
  }

  @Override
  public CompletableFuture<Void> publish(ResponseChunk chunk) {
    ResponseChunk sealed;
    try {
      sealed = ChunkEnvelope.seal(chunk, keys.get().active(), random);
    } catch (RuntimeException e) {
      // Publishing in clear instead would defeat the point: the response fails closed.
      return CompletableFuture.failedFuture(e);
    }
    return super.publish(sealed);
  }
}
