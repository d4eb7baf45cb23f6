package dev.witness.streams.classify;

/**
 * What a request does. SQL statements are {@code READ}, {@code DML}, {@code DDL}, {@code DCL},
 * {@code TCL} or {@code OTHER}; HTTP, MCP and Kubernetes requests are {@code READ}, {@code WRITE},
 * {@code DELETE}, {@code EXEC} or {@code OTHER}; SQL that does not parse is {@code UNPARSEABLE}.
 */
public enum RequestKind {
  READ, DML, DDL, DCL, TCL, WRITE, DELETE, EXEC, OTHER, UNPARSEABLE
}
