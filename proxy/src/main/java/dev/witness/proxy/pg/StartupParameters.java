package dev.witness.proxy.pg;

import dev.witness.proxy.session.SessionIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Witness needs from an agent's StartupMessage (user, database, purpose, and the agent
 * session and tool call it joins) and builds the parameters passed on to the backend (without the
 * Witness-only ones: {@code options} never reaches the backend, so {@code -c witness.*} settings,
 * unknown to PostgreSQL, cannot fail the backend login).
 */
final class StartupParameters {

  static final String APPLICATION_NAME_PREFIX = "witness:purpose=";
  private static final Pattern OPTION = Pattern.compile("(?:-c\\s*|--)witness\\.purpose=((?:\\\\ |\\S)*)");
  /** Any {@code -c witness.NAME=VALUE} (or {@code --witness.NAME=VALUE}) in {@code options}; a value escapes spaces as {@code \\ }. */
  private static final Pattern WITNESS_OPTION =
      Pattern.compile("(?:-c\\s*|--)witness\\.([A-Za-z_]*)=((?:\\\\ |\\S)*)");
  static final String SESSION_OPTION = "session";
  static final String PURPOSE_OPTION = "purpose";
  static final String TOOL_CALL_OPTION = "tool_call_id";
  private static final int MAX_PURPOSE = 1024;
  // pgJDBC sets application_name with a statement after startup unless assumeMinServerVersion >= 9.0.
  private static final Pattern SET_APPLICATION_NAME = Pattern.compile(
      "(?is)\\s*set\\s+(?:session\\s+)?application_name\\s*(?:=|to)\\s*'witness:purpose=([^']+)'\\s*;?\\s*");
  /**
   * Only presentation settings reach the backend. Anything else could change what recorded
   * statements mean or open an unaudited channel: {@code replication} (a WAL stream), {@code
   * options=-c role=...}, {@code search_path}, {@code session_authorization}...
   */
  private static final java.util.Set<String> FORWARDED = java.util.Set.of("application_name",
      "fallback_application_name", "client_encoding", "DateStyle", "TimeZone", "IntervalStyle", "extra_float_digits");

  private final Map<String, String> params;

  StartupParameters(Map<String, String> params) {
    this.params = params;
  }

  String user() {
    return params.getOrDefault("user", "");
  }

  /** The database asked for; PostgreSQL's default is the user name. */
  String database() {
    String db = params.get("database");
    return db == null || db.isEmpty() ? user() : db;
  }

  /** From {@code application_name=witness:purpose=X} or {@code options=-c witness.purpose=X}; null if neither. */
  String purpose() {
    String app = params.get("application_name");
    if (app != null && app.startsWith(APPLICATION_NAME_PREFIX) && app.length() > APPLICATION_NAME_PREFIX.length()) {
      return app.substring(APPLICATION_NAME_PREFIX.length());
    }
    String options = params.get("options");
    if (options != null) {
      Matcher m = OPTION.matcher(options);
      if (m.find() && !m.group(1).isEmpty()) {
        return m.group(1).replace("\\ ", " ");
      }
    }
    return null;
  }

  /** The agent session named by {@code -c witness.session=ID}, or null: the connection is then its own session. */
  String sessionId() {
    return witnessOption(SESSION_OPTION);
  }

  /** The model's tool-call id named by {@code -c witness.tool_call_id=ID}, or null. */
  String toolCallId() {
    return witnessOption(TOOL_CALL_OPTION);
  }

  /**
   * Why the {@code witness.*} options are not acceptable (a malformed session or tool-call id, an
   * over-long purpose, an unknown {@code witness.} name), or null when they are.
   */
  String invalidWitnessOption() {
    String options = params.get("options");
    if (options == null) {
      return null;
    }
    Matcher m = WITNESS_OPTION.matcher(options);
    while (m.find()) {
      String name = m.group(1);
      String value = m.group(2).replace("\\ ", " ");
      switch (name) {
        case SESSION_OPTION, TOOL_CALL_OPTION -> {
          if (!SessionIds.valid(value)) {
            return "invalid value for parameter \"witness." + name + "\": must be " + SessionIds.RULE;
          }
        }
        case PURPOSE_OPTION -> {
          if (value.length() > MAX_PURPOSE) {
            return "invalid value for parameter \"witness.purpose\": at most " + MAX_PURPOSE + " characters";
          }
        }
        default -> {
          return "unrecognized parameter \"witness." + name + "\"; Witness accepts witness.session, witness.purpose"
              + " and witness.tool_call_id";
        }
      }
    }
    return null;
  }

  private String witnessOption(String name) {
    String options = params.get("options");
    if (options == null) {
      return null;
    }
    Matcher m = WITNESS_OPTION.matcher(options);
    while (m.find()) {
      if (m.group(1).equals(name) && !m.group(2).isEmpty()) {
        return m.group(2).replace("\\ ", " ");
      }
    }
    return null;
  }

  /** The purpose a {@code SET application_name = 'witness:purpose=X'} statement states, or null. */
  static String purposeSetBy(String sql) {
    Matcher m = SET_APPLICATION_NAME.matcher(sql);
    return m.matches() ? m.group(1) : null;
  }

  /** What goes to the backend besides user and database: the presentation settings only. */
  Map<String, String> forBackend() {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (FORWARDED.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The parameters the agent sent that are not passed on (names only; values may be secrets). */
  java.util.List<String> dropped() {
    java.util.List<String> names = new java.util.ArrayList<>();
    params.forEach((k, v) -> {
      boolean onlyPurpose = k.equals("options") && WITNESS_OPTION.matcher(v).replaceAll("").isBlank();
      if (!FORWARDED.contains(k) && !k.equals("user") && !k.equals("database") && !onlyPurpose) {
        names.add(k);
      }
    });
    return names;
  }
}
