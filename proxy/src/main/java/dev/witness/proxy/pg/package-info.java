/**
 * The PostgreSQL proxy (frontend/backend protocol v3): agents connect with user = agent id and
 * password = their gateway token; Witness logs in to the configured backend with its own
 * credentials and relays the session, recording and gating every statement.
 *
 * <p>Decisions, so consumers can rely on them:
 *
 * <ul>
 *   <li><b>Agent authentication</b> is AuthenticationCleartextPassword: Witness stores only the
 *       token's SHA-256, from which no SCRAM verifier can be derived, so the token itself must
 *       arrive; it is hashed and compared in constant time and never kept or logged. Configure
 *       {@code proxy.postgres.tls} so it travels encrypted (SSLRequest is declined without it); a
 *       proxy without TLS should listen on loopback only.
 *   <li><b>Gating</b>: each simple Query and each Execute is one RequestIntercepted (SqlRequest:
 *       the Query text, or the Parse text of the Execute's portal with the Bind parameters as text;
 *       binary parameters decoded where the type is known, otherwise {@code base64:...}).
 *       Parse/Bind/Describe/Close/Sync/Flush are forwarded as they come: they execute nothing.
 *       Pipelined statements (batches) are recorded at once and their verdicts awaited together,
 *       but every message reaches the backend in the agent's order, each gated one only after its
 *       ALLOW; a statement skipped because an earlier one of its sequence was refused gets a final
 *       chunk saying "not executed".
 *       A refused statement (deny, approval needed, Witness unavailable) is replaced towards the
 *       backend by a Parse that fails (see {@link dev.witness.proxy.pg.RefusalProbe}), so the
 *       backend fails the sequence as for any error (transaction aborted, implicit transaction
 *       rolled back, the agent's messages up to Sync skipped) and the agent gets the refusal
 *       (42501, or 08006 when Witness cannot record) in place of the backend's error.
 *   <li><b>Result chunks</b>: a ResponseChunk's payload is whole DataRow messages (COPY OUT: CopyData
 *       messages) exactly as on the wire, type byte and length included, content type {@link
 *       dev.witness.proxy.pg.PgEventFactory#WIRE_ROWS}; so rows keep count, order and wire types
 *       and a masker must return the same number of whole messages (checked before relaying).
 *       Chunks hold at most {@code proxy.postgres.maxRowsPerChunk} rows / about {@code
 *       responseChunkBytes}. The head (SqlResultHead) is on the first chunk of a result with
 *       its columns (SqlColumn.format tells text/binary values), and again on the last chunk with
 *       the CommandComplete tag; {@code last} marks the end of each result (a multi-statement
 *       Query has several). A result without rows is recorded as one empty last chunk, and its
 *       CommandComplete (or error) reaches the agent only once that record is acknowledged; a
 *       backend error ends the result with {@code error} set. At most 4 chunks with rows
 *       (and 256 row-less outcomes) are in flight; beyond
 *       that, or while the agent is not writable, the backend is not read.
 *   <li><b>COPY FROM STDIN</b>: the agent's CopyData are recorded as chunks of the COPY statement
 *       (content type {@link dev.witness.proxy.pg.PgEventFactory#WIRE_COPY_IN}) and forwarded only
 *       once each chunk's masked form came back; if recording fails the COPY is aborted with
 *       CopyFail and the agent gets 08006.
 *   <li><b>SQL PREPARE/EXECUTE</b>: an EXECUTE of a statement the session PREPAREd successfully is
 *       recorded with the prepared text, the arguments as written and the name. The legacy
 *       FunctionCall message is refused (0A000).
 * </ul>
 */
package dev.witness.proxy.pg;
