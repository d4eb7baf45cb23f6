package dev.witness.evidence;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A loggable description of a failure that cannot leak evidence: PostgreSQL's error detail may
 * quote the failing row ("Failing row contains ..."), so SQL errors give only SQLState and the
 * primary message.
 */
public final class ErrorText {

  private ErrorText() {}

  /** The description of {@code error} and its causes that is safe to log. */
  public static String of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return describe(s);
      }
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  private static String describe(SQLException first) {
    // a failed batch reports the server's error as the next exception of a BatchUpdateException
    for (SQLException s = first; s != null; s = s.getNextException()) {
      if (s instanceof PSQLException p && p.getServerErrorMessage() != null) {
        ServerErrorMessage m = p.getServerErrorMessage();
        return first.getClass().getSimpleName() + " sqlState=" + m.getSQLState() + " message=" + m.getMessage();
      }
    }
    return first.getClass().getSimpleName() + " sqlState=" + first.getSQLState();
  }
}
