package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.ExtendedQueryMessages;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Close;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent's prepared statements and portals as it sent them, so an Execute can be recorded with
 * the statement text from its Parse and the parameters from its Bind; and its SQL-level prepared
 * statements ({@code PREPARE}) once the backend confirmed them, so an {@code EXECUTE} can be
 * recorded with the text it runs.
 */
final class PreparedStatements {

  /** What an Execute of a portal runs. */
  record Portal(String statementName, String query, List<String> parameters) {}

  private record Statement(String query, int[] parameterTypes) {}

  private final Map<String, Statement> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private final Map<String, String> sqlPrepared = new HashMap<>();
  private int sqlChanges;

  private static final Pattern MAY_PREPARE =
      Pattern.compile("\\b(prepare|deallocate|discard)\\b", Pattern.CASE_INSENSITIVE);

  void parse(Parse p) {
    statements.put(p.name(), new Statement(p.query(), p.parameterTypes()));
  }

  void bind(Bind b) {
    Statement s = statements.get(b.statement());
    if (s == null) {
      // Unknown to Witness (e.g. made by SQL PREPARE): an Execute of this portal is refused.
      portals.remove(b.portal());
      return;
    }
    List<String> parameters = new ArrayList<>(b.parameters().size());
    for (int i = 0; i < b.parameters().size(); i++) {
      int type = i < s.parameterTypes().length ? s.parameterTypes()[i] : 0;
      parameters.add(ParameterText.render(b.parameters().get(i), b.parameterFormat(i), type));
    }
    portals.put(b.portal(), new Portal(b.statement(), s.query(), parameters));
  }

  void close(Close c) {
    if (c.kind() == ExtendedQueryMessages.STATEMENT) {
      statements.remove(c.name());
      // Closing a statement closes the portals made from it.
      portals.values().removeIf(p -> p.statementName().equals(c.name()));
    } else {
      portals.remove(c.name());
    }
  }

  /** The portal an Execute names, or null when Witness never saw it bound. */
  Portal portal(String name) {
    return portals.get(name);
  }

  /**
   * Called when a statement is taken in, before anything after it: what it may change is forgotten
   * at once, so a later EXECUTE is never recorded with text that may no longer be what runs. Returns
   * what to call when the backend completed it, or null.
   */
  Runnable sqlTakenIn(String sql, SqlPrepareCommand command) {
    switch (command) {
      case SqlPrepareCommand.Prepare p -> sqlPrepared.remove(p.name());
      case SqlPrepareCommand.Deallocate d when d.name() != null -> sqlPrepared.remove(d.name());
      case SqlPrepareCommand.Deallocate d -> sqlPrepared.clear();
      case SqlPrepareCommand.Execute e -> {
        return null;
      }
      case null -> {
        if (MAY_PREPARE.matcher(sql).find()) {
          // Several statements, or one Witness does not parse, that may (de)allocate: forget them all.
          sqlPrepared.clear();
          sqlChanges++;
        }
        return null;
      }
    }
    int seen = ++sqlChanges;
    return command instanceof SqlPrepareCommand.Prepare p
        ? () -> {
          // Only if nothing taken in since could have changed it (pipelined statements complete later).
          if (sqlChanges == seen) {
            sqlPrepared.put(p.name(), p.body());
          }
        }
        : null;
  }

  /** The text a SQL-level {@code PREPARE} gave {@code name}, or null if none succeeded. */
  String sqlStatement(String name) {
    return sqlPrepared.get(name);
  }
}
