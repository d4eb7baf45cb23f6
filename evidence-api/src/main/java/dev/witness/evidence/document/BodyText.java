package dev.witness.evidence.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A payload as JSON text: UTF-8 when the bytes are valid UTF-8, base64 otherwise.
 *
 * @param text the body text
 * @param encoding {@code utf-8} or {@code base64}
 */
public record BodyText(String text, String encoding) {

  public static final String UTF_8 = "utf-8";
  public static final String BASE64 = "base64";

  /** The body of {@code payload}, or null when there is none. */
  public static BodyText of(ByteBuffer payload) {
    if (payload == null) {
      return null;
    }
    byte[] bytes = Formats.bytes(payload);
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      // PostgreSQL jsonb cannot hold U+0000, so such text goes base64 to stay lossless.
      if (text.indexOf('\u0000') < 0) {
        return new BodyText(text, UTF_8);
      }
    } catch (CharacterCodingException notUtf8) {
      // binary payload: fall through to base64
    }
    return new BodyText(Base64.getEncoder().encodeToString(bytes), BASE64);
  }

  /** The text of a possibly absent body. */
  static String textOf(BodyText body) {
    return body == null ? null : body.text();
  }

  /** The encoding of a possibly absent body. */
  static String encodingOf(BodyText body) {
    return body == null ? null : body.encoding();
  }
}
