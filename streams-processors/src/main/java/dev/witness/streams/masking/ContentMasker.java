package dev.witness.streams.masking;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.streams.masking.content.JsonMasker;
import dev.witness.streams.masking.content.MaskingTally;
import dev.witness.streams.masking.content.SqlRowMasker;
import dev.witness.streams.masking.content.TextMasker;
import dev.witness.streams.masking.plan.MaskingPlan;
import dev.witness.streams.masking.plan.PlanBook;
import dev.witness.streams.masking.plan.PlanSelector;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Masks a chunk by its content type (PostgreSQL rows, JSON, text) with the plan its verdict named
 * ({@code maskPlan}, relayed on the chunk by the proxy) or, when none, the {@code masking} section's;
 * within that plan, the field rules its header selects (resource, agent, purpose). Pure: the SQL
 * columns of later chunks are passed in by the caller, which keeps the first chunk's head.
 */
public final class ContentMasker {

  /** Content type of SQL result chunks (the proxy's {@code PgEventFactory.WIRE_ROWS}). */
  public static final String WIRE_ROWS = "application/vnd.postgresql.wire-v3";

  private final PlanBook plans;
  private final Clock clock;

  /** A masker of one plan, whatever plan a chunk names. */
  public ContentMasker(PlanSelector plans, Clock clock) {
    this(new PlanBook(plans, Map.of()), clock);
  }

  public ContentMasker(PlanBook plans, Clock clock) {
    this.plans = plans;
    this.clock = clock;
  }

  /** A masker of {@code config} and its named plans, the token key resolved from the process environment. */
  public static ContentMasker of(MaskingConfig config, Clock clock) {
    return new ContentMasker(PlanBook.of(config, config.resolveTokenKey(System.getenv())), clock);
  }

  /**
   * The masked form of {@code chunk}; {@code columns} are the SQL result's columns when known
   * (from this or an earlier chunk's head), else empty.
   */
  public MaskedChunk mask(ResponseChunk chunk, List<SqlColumn> columns) {
    return chunk.getEncryption() != null ? mask(chunk, null, columns, false) : mask(chunk, bytes(chunk.getPayload()), columns, false);
  }

  /**
   * The masked form of a whole JSON body held across {@code chunk} and the chunks before it:
   * {@code payload} is the body, the chunk's own payload only its last part.
   */
  public MaskedChunk maskHeld(ResponseChunk chunk, byte[] payload) {
    return mask(chunk, payload, List.of(), false);
  }

  /**
   * A chunk whose payload is held to be masked with later chunks: nothing for the agent yet (an
   * unknown plan still fails closed at once).
   */
  public MaskedChunk held(ResponseChunk chunk) {
    return mask(chunk, new byte[0], List.of(), false);
  }

  /**
   * {@code payload} (held bytes and this chunk's) masked by content detection as text, when a JSON
   * body outgrew what may be held; in strict mode withheld.
   */
  public MaskedChunk maskOverflow(ResponseChunk chunk, byte[] payload) {
    return mask(chunk, payload, List.of(), true);
  }

  private MaskedChunk mask(ResponseChunk chunk, byte[] payload, List<SqlColumn> columns, boolean overflow) {
    MaskedChunk.Builder out = MaskedChunkAnswer.to(chunk, clock);
    if (payload == null) {
      return out.setPayload(ByteBuffer.allocate(0)).setError(PassThroughMasker.ENCRYPTED_NOT_SUPPORTED).build();
    }
    PlanSelector selector = plans.selector(chunk.getMaskPlan());
    if (selector == null) {
      // The verdict came from a policy whose plan this process lacks: masking less than asked is a leak.
      return withheld(out, "withheld: unknown masking plan " + chunk.getMaskPlan());
    }
    if (payload.length == 0) {
      return out.setPayload(ByteBuffer.allocate(0)).build();
    }
    EventHeader h = chunk.getHeader();
    MaskingPlan plan = selector.select(h.getResource(), h.getAgent() == null ? null : h.getAgent().getId(), h.getPurpose());
    MaskingTally tally = new MaskingTally();
    String type = mediaType(chunk.getContentType());
    byte[] masked;
    if (overflow) {
      if (plan.strict()) {
        return withheld(out, "withheld: " + type + " response over masking.jsonBufferBytes in strict mode");
      }
      masked = TextMasker.mask(plan, payload, tally);
    } else if (WIRE_ROWS.equals(type)) {
      try {
        masked = SqlRowMasker.mask(plan, payload, columns, tally);
      } catch (SqlRowMasker.MalformedRows e) {
        // Wire rows cannot be scanned as text without breaking their framing: withhold in any mode.
        return withheld(out, "withheld: malformed PostgreSQL rows (" + e.getMessage() + ")");
      }
    } else if (type.contains("json")) {
      Optional<byte[]> json = JsonMasker.mask(plan, payload, tally);
      if (json.isPresent()) {
        masked = json.get();
      } else if (plan.strict() && plan.hasRules()) {
        // Field rules need the structure; text scanning would miss what only a rule names.
        return withheld(out, "withheld: cannot parse " + type + " in strict mode");
      } else {
        tally = new MaskingTally();
        masked = TextMasker.mask(plan, payload, tally);
      }
    } else if (isText(type) || (type.isEmpty() && isUtf8(payload))) {
      masked = TextMasker.mask(plan, payload, tally);
    } else if (plan.strict()) {
      return withheld(out, "withheld: cannot parse " + (type.isEmpty() ? "unknown content type" : type)
          + " in strict mode");
    } else {
      masked = payload;
    }
    return out.setPayload(ByteBuffer.wrap(masked)).setMaskings(tally.toList()).build();
  }

  private static MaskedChunk withheld(MaskedChunk.Builder out, String error) {
    return out.setPayload(ByteBuffer.allocate(0)).setError(error).build();
  }

  /** Whether {@code contentType} is JSON ({@code application/json}, {@code application/problem+json}...). */
  static boolean isJson(String contentType) {
    return mediaType(contentType).contains("json");
  }

  /** The media type without parameters, lower case; empty when absent. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isText(String type) {
    return type.startsWith("text/") || type.contains("xml") || type.contains("javascript") || type.contains("yaml")
        || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
  }

  private static boolean isUtf8(byte[] payload) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
