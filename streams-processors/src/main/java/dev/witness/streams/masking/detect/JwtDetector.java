package dev.witness.streams.masking.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * JSON Web Tokens: three base64url parts joined by dots whose first part decodes to a JSON object
 * with an {@code alg} member (the JOSE header), so dotted identifiers are not mistaken for tokens.
 */
public final class JwtDetector implements Detector {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Verdicts by header text: an issuer signs every token with the same header, so a response holds
   * a handful of distinct ones, while decoding and parsing one costs microseconds.
   */
  private final FieldMemo headers = new FieldMemo(JwtDetector::hasAlg);

  @Override
  public String type() {
    return "jwt";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withDots(2).withUppers(1).withLowers(2).withLength(6));

  @Override
  public List<FactsGate> gates() {
    // eyJ.x. at least: the header always starts eyJ (base64 of {").
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int at = text.indexOf("eyJ");
    while (at >= 0) {
      int next = at + 3;
      if (TextBoundary.startsWord(text, at)) {
        int headerEnd = part(text, at);
        int payloadEnd = headerEnd < text.length() && text.charAt(headerEnd) == '.' ? part(text, headerEnd + 1) : -1;
        int signatureEnd = payloadEnd > headerEnd + 1 && payloadEnd < text.length() && text.charAt(payloadEnd) == '.'
            ? part(text, payloadEnd + 1) : -1;
        if (signatureEnd > 0 && TextBoundary.endsWord(text, signatureEnd)
            && headers.test(text.substring(at, headerEnd))) {
          out.add(new Span(at, signatureEnd, type()));
          next = signatureEnd;
        }
      }
      at = text.indexOf("eyJ", next);
    }
  }

  private static int part(String text, int from) {
    int i = from;
    while (i < text.length() && isBase64Url(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBase64Url(char c) {
    return TextBoundary.isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  }

  /** Whether a base64url text decodes to a JSON object with a string member {@code alg}. */
  static boolean hasAlg(String base64Url) {
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(base64Url);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("alg".equals(name)) {
          return value == JsonToken.VALUE_STRING;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException notJson) {
      return false;
    }
  }
}
