package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.ExtendedQueryMessages;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Close;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's prepared statements and portals as it sent them, so an Execute can be recorded with
 * the statement text from its Parse and the parameters from its Bind.
 */
final class PreparedStatements {

  /** What an Execute of a portal runs. */
  record Portal(String statementName, String query, List<String> parameters) {}

  private record Statement(String query, int[] parameterTypes) {}

  private final Map<String, Statement> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();

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
}
