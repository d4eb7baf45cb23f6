package dev.witness.streams.classify;

import java.util.List;

/**
 * What a SQL string does, statement by statement combined.
 *
 * @param kind the riskiest statement's kind
 * @param commands the statements' commands in order, e.g. {@code [SELECT, DELETE]}
 * @param tables tables touched, lower-case, without schema; CTE names are not tables
 * @param qualifiedTables the same as written with their schema, lower-case, e.g. {@code public.orders}
 * @param columns columns named anywhere, lower-case, without table
 * @param functions functions called, lower-case
 * @param hasWhere every UPDATE and DELETE has a WHERE that refers to a column ({@code WHERE true}
 *     or {@code WHERE 1=1} does not count); true when there is no UPDATE or DELETE
 * @param hasLimit every SELECT has a LIMIT or FETCH; false when there is no SELECT
 * @param statementCount statements in the string; more than one is a multi-statement string
 * @param parseError why the string did not parse, or null
 */
public record SqlFacts(
    RequestKind kind,
    List<String> commands,
    List<String> tables,
    List<String> qualifiedTables,
    List<String> columns,
    List<String> functions,
    boolean hasWhere,
    boolean hasLimit,
    int statementCount,
    String parseError) {

  public SqlFacts {
    commands = List.copyOf(commands);
    tables = List.copyOf(tables);
    qualifiedTables = List.copyOf(qualifiedTables);
    columns = List.copyOf(columns);
    functions = List.copyOf(functions);
  }
}
