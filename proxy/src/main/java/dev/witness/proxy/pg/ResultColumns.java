package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.ExtendedQueryMessages;
import dev.witness.proxy.pg.message.RowMessages.Field;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.schemas.event.SqlColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result columns of prepared statements and portals as the backend described them, tracked
 * in response order, so an Execute's chunks can name their columns even without a Describe.
 */
final class ResultColumns {

  private final Map<String, List<SqlColumn>> statements = new HashMap<>();
  private final Map<String, List<SqlColumn>> portals = new HashMap<>();

  static List<SqlColumn> of(RowDescription rd) {
    List<SqlColumn> columns = new ArrayList<>(rd.fields().size());
    for (Field f : rd.fields()) {
      columns.add(SqlColumn.newBuilder()
          .setName(f.name())
          .setTypeOid(f.typeOid())
          .setTable(f.tableOid() == 0 ? null : Integer.toUnsignedString(f.tableOid()))
          .setFormat(f.format())
          .build());
    }
    return columns;
  }

  void parsed(String statement) {
    statements.remove(statement);
  }

  void described(byte target, String name, List<SqlColumn> columns) {
    (target == ExtendedQueryMessages.STATEMENT ? statements : portals).put(name, columns);
  }

  /** A portal takes its statement's columns in the formats the Bind asked for. */
  void bound(String portal, String statement, short[] resultFormats) {
    List<SqlColumn> described = statements.get(statement);
    if (described == null) {
      portals.remove(portal);
      return;
    }
    List<SqlColumn> columns = new ArrayList<>(described.size());
    for (int i = 0; i < described.size(); i++) {
      int format = resultFormats.length == 0 ? 0 : resultFormats.length == 1 ? resultFormats[0]
          : i < resultFormats.length ? resultFormats[i] : 0;
      columns.add(SqlColumn.newBuilder(described.get(i)).setFormat(format).build());
    }
    portals.put(portal, columns);
  }

  void closed(byte target, String name) {
    (target == ExtendedQueryMessages.STATEMENT ? statements : portals).remove(name);
  }

  /** The columns of a portal's rows; empty when never described. */
  List<SqlColumn> ofPortal(String portal) {
    return portals.getOrDefault(portal, List.of());
  }
}
