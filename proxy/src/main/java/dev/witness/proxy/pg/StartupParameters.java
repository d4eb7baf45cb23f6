package dev.witness.proxy.pg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Witness needs from an agent's StartupMessage (user, database, purpose) and builds the
 * parameters passed on to the backend (without the Witness-only ones).
 */
final class StartupParameters {

  static final String APPLICATION_NAME_PREFIX = "witness:purpose=";
  private static final Pattern OPTION = Pattern.compile("(?:-c\\s*|--)witness\\.purpose=((?:\\\\ |\\S)*)");
  // pgJDBC sets application_name with a statement after startup unless assumeMinServerVersion >= 9.0.
  private static final Pattern SET_APPLICATION_NAME = Pattern.compile(
      "(?is)\\s*set\\s+(?:session\\s+)?application_name\\s*(?:=|to)\\s*'witness:purpose=([^']+)'\\s*;?\\s*");
  private static final java.util.Set<String> NOT_FORWARDED = java.util.Set.of("user", "database", "options");

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

  /** The purpose a {@code SET application_name = 'witness:purpose=X'} statement states, or null. */
  static String purposeSetBy(String sql) {
    Matcher m = SET_APPLICATION_NAME.matcher(sql);
    return m.matches() ? m.group(1) : null;
  }

  /** What goes to the backend besides user and database: everything else, options without witness.purpose. */
  Map<String, String> forBackend() {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      // Protocol extensions (_pq_.*) are negotiated with the agent, not passed through.
      if (!NOT_FORWARDED.contains(k) && !k.startsWith("_pq_.")) {
        out.put(k, v);
      }
    });
    String options = params.get("options");
    if (options != null) {
      String rest = OPTION.matcher(options).replaceAll("").strip();
      if (!rest.isEmpty()) {
        out.put("options", rest);
      }
    }
    return out;
  }
}
