package dev.witness.streams.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

/** JSqlParser's table finder, also noting the columns and functions it walks past. */
final class ReferenceFinder extends TablesNamesFinder<Void> {

  private final Set<String> columns = new LinkedHashSet<>();
  private final Set<String> functions = new LinkedHashSet<>();

  @Override
  public <S> Void visit(Column column, S context) {
    columns.add(SqlClassifier.unquote(column.getColumnName()));
    return super.visit(column, context);
  }

  @Override
  public <S> Void visit(Function function, S context) {
    if (function.getName() != null) {
      String name = SqlClassifier.unquote(function.getName());
      functions.add(name.substring(name.lastIndexOf('.') + 1));
    }
    return super.visit(function, context);
  }

  /**
   * The tables of a statement with CTEs, found CTE by CTE and then in the statement itself, for
   * what the finder cannot walk whole (a SELECT over {@code WITH x AS (DELETE ... RETURNING *)}).
   * Empty when the statement is not a SELECT with CTEs or a part cannot be walked.
   */
  Optional<Set<String>> tablesPartByPart(Statement statement) {
    if (!(statement instanceof Select select) || select.getWithItemsList() == null) {
      return Optional.empty();
    }
    List<WithItem<?>> items = select.getWithItemsList();
    Set<String> found = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    try {
      for (WithItem<?> item : items) {
        if (item.getAlias() != null) {
          names.add(SqlClassifier.unquote(item.getAlias().getName()));
        }
        Statement part = switch (item.getParenthesedStatement()) {
          case ParenthesedDelete d -> d.getDelete();
          case ParenthesedUpdate u -> u.getUpdate();
          case ParenthesedInsert i -> i.getInsert();
          case ParenthesedSelect s -> s.getSelect();
          case null, default -> null;
        };
        if (part == null) {
          return Optional.empty();
        }
        found.addAll(getTables(part));
      }
      // The statement itself, without its CTEs (put back at once: the parse tree is the caller's). There a
      // CTE's name means the CTE; inside the CTEs the same name is the real table, so those stay.
      select.setWithItemsList(null);
      try {
        for (String table : getTables((Statement) select)) {
          if (!names.contains(SqlClassifier.unquote(table))) {
            found.add(table);
          }
        }
      } finally {
        select.setWithItemsList(items);
      }
    } catch (RuntimeException notSupported) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  List<String> columns() {
    return List.copyOf(columns);
  }

  List<String> functions() {
    return List.copyOf(functions);
  }

  /** Columns a statement defines or assigns, which the table finder does not walk. */
  static List<String> definedColumns(Statement statement) {
    List<String> names = new ArrayList<>();
    switch (statement) {
      case Alter alter when alter.getAlterExpressions() != null -> {
        for (AlterExpression e : alter.getAlterExpressions()) {
          addName(names, e.getColumnName());
          addName(names, e.getColumnOldName());
          if (e.getColDataTypeList() != null) {
            e.getColDataTypeList().forEach(c -> addName(names, c.getColumnName()));
          }
        }
      }
      case CreateTable create when create.getColumnDefinitions() != null ->
          create.getColumnDefinitions().forEach(c -> addName(names, c.getColumnName()));
      case Insert insert when insert.getColumns() != null ->
          insert.getColumns().forEach(c -> addName(names, c.getColumnName()));
      case Update update when update.getUpdateSets() != null -> {
        for (UpdateSet set : update.getUpdateSets()) {
          set.getColumns().forEach(c -> addName(names, c.getColumnName()));
        }
      }
      default -> { }
    }
    return names;
  }

  /** Whether {@code expression} depends on a row, i.e. names at least one column. */
  static boolean refersToAColumn(Expression expression) {
    boolean[] found = {false};
    expression.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        // A bare TRUE/FALSE parses as a column in some dialects.
        String name = column.getColumnName();
        if (column.getTable() != null || !("true".equalsIgnoreCase(name) || "false".equalsIgnoreCase(name))) {
          found[0] = true;
        }
        return null;
      }
    }, null);
    return found[0];
  }

  private static void addName(List<String> names, String name) {
    if (name != null && !name.isBlank()) {
      names.add(SqlClassifier.unquote(name));
    }
  }
}
