package dev.witness.proxy.session;

import java.util.regex.Pattern;

/**
 * The syntax of ids an agent may name itself (a session, a tool call), the same on every protocol
 * (HTTP {@code X-Witness-Session}, PostgreSQL {@code -c witness.session=}), so one session id can
 * join an agent's HTTP, MCP and SQL traffic.
 */
public final class SessionIds {

  /** What a valid id is, for error messages. */
  public static final String RULE = "1 to 128 characters of letters, digits, '.', '_', ':' or '-'";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private SessionIds() {}

  /** Whether {@code id} is a well-formed session or tool-call id. */
  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
