package dev.witness.streams.classify;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Words generated identifiers must avoid: SQL keywords JSqlParser reserves. */
final class SqlKeywords {

  private static final Set<String> RESERVED = Set.copyOf(List.of(
      "all", "and", "any", "as", "asc", "between", "by", "case", "cast", "check", "column", "constraint", "create",
      "cross", "current", "default", "delete", "desc", "distinct", "drop", "else", "end", "except", "exists", "false",
      "fetch", "for", "foreign", "from", "full", "grant", "group", "having", "if", "in", "inner", "insert", "intersect",
      "into", "is", "join", "key", "left", "like", "limit", "natural", "not", "null", "of", "offset", "on", "or",
      "order", "outer", "primary", "references", "right", "select", "set", "some", "table", "then", "to", "top", "true",
      "union", "unique", "update", "using", "values", "when", "where", "with", "window", "within", "row", "rows",
      "only", "first", "next", "last", "returning", "lateral", "semi", "anti", "straight", "qualify", "connect",
      "start", "prior", "minus", "sample", "tablesample", "unpivot", "pivot", "xml", "escape", "collate", "interval",
      "ignore", "nocycle", "level", "sysdate", "cascade", "restrict", "index", "view", "schema", "sequence", "execute",
      "exec", "call", "commit", "rollback", "begin", "truncate", "merge", "upsert", "replace", "alter", "rename",
      "comment", "analyze", "explain", "describe", "show", "use", "declare", "reset", "purge", "lock", "nowait",
      "skip", "locked", "share", "mode", "partition", "over", "filter", "group_concat", "similar", "ilike", "regexp",
      "rlike", "glob", "match", "against", "any_value", "unnest", "value", "char", "character", "varchar", "int",
      "integer", "bigint", "text", "date", "time", "timestamp", "boolean", "double", "float", "real", "decimal",
      "numeric", "binary", "cascade", "temporary", "temp", "if", "global", "local", "session", "system", "user",
      // JSqlParser also reads Teradata's abbreviation SEL as SELECT.
      "sel"));

  private SqlKeywords() {}

  static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }
}
