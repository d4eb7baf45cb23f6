package dev.witness.proxy.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.regex.Pattern;

/** The {@code X-Witness-*} request headers an agent may send; none is forwarded upstream. */
final class WitnessHeaders {

  static final String PREFIX = "x-witness-";
  static final String PURPOSE = "x-witness-purpose";
  static final String SESSION = "x-witness-session";

  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final int MAX_PURPOSE = 1024;

  private WitnessHeaders() {}

  /** The session the agent named, or {@code fallback}; a malformed name is a 400. */
  static String sessionId(HttpHeaders headers, String fallback) {
    String named = headers.get(SESSION);
    if (named == null) {
      return fallback;
    }
    String id = named.strip();
    if (!SESSION_ID.matcher(id).matches()) {
      throw ProblemException.badRequest(
          "X-Witness-Session must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return id;
  }

  /** Like {@link #sessionId} but never fails: used to record requests already being refused. */
  static String sessionIdOrFallback(HttpHeaders headers, String fallback) {
    try {
      return sessionId(headers, fallback);
    } catch (ProblemException e) {
      return fallback;
    }
  }

  /** The purpose the agent stated, or null; over-long purposes are a 400. */
  static String purpose(HttpHeaders headers) {
    String purpose = headers.get(PURPOSE);
    if (purpose == null || purpose.isBlank()) {
      return null;
    }
    if (purpose.length() > MAX_PURPOSE) {
      throw ProblemException.badRequest("X-Witness-Purpose may be at most " + MAX_PURPOSE + " characters");
    }
    return purpose.strip();
  }

  static String purposeOrNull(HttpHeaders headers) {
    try {
      return purpose(headers);
    } catch (ProblemException e) {
      return null;
    }
  }

  static boolean isWitnessHeader(String name) {
    return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }
}
