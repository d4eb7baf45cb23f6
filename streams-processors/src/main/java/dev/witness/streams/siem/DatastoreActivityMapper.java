package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.streams.classify.SqlClassifier;
import dev.witness.streams.classify.SqlLiteralMasker;
import java.time.Instant;
import java.util.Locale;

/**
 * A SQL request and its verdict (or its response) as an OCSF Datastore Activity (6005). The statement appears with its
 * literals replaced by {@code ?} and without bound parameters: the SIEM sees what was run, not the data.
 */
public final class DatastoreActivityMapper {

  private DatastoreActivityMapper() {}

  public static OcsfEvent map(RequestIntercepted request, SqlRequest sql, Outcome outcome, Instant processed) {
    String statement = sql.getStatement();
    int activityId = activityId(statement);
    OcsfEvent event = OcsfEvent.ofRequest(OcsfClass.DATASTORE_ACTIVITY, activityId, activityName(activityId), request,
        outcome, processed);
    ObjectNode json = event.json();
    json.put("type_id", 1);
    json.put("type", "Database");
    ObjectNode database = json.putObject("database");
    database.put("type_id", 1);
    database.put("type", "Relational");
    database.put("name", sql.getDatabase() != null ? sql.getDatabase() : request.getHeader().getResource());
    json.putObject("query_info").put("query_string", SqlLiteralMasker.mask(statement));
    event.unmapped().put("risk", SqlClassifier.classify(statement).risk().name());
    event.unmapped().put("parameter_count", sql.getParameters().size());
    event.message("SQL " + activityName(activityId).toLowerCase(Locale.ROOT) + " on " + request.getHeader().getResource()
        + ": " + outcome.label());
    return event;
  }

  /** OCSF activity of a statement by its leading keyword: Read 1, Update 2, Query 4, Write 5, Create 6, Delete 7. */
  static int activityId(String statement) {
    String keyword = leadingKeyword(statement);
    return switch (keyword) {
      case "SELECT", "SHOW", "TABLE", "VALUES" -> 1;
      case "UPDATE", "ALTER", "MERGE" -> 2;
      case "INSERT", "COPY" -> 5;
      case "CREATE" -> 6;
      case "DELETE", "DROP", "TRUNCATE" -> 7;
      default -> 4;
    };
  }

  static String activityName(int activityId) {
    return switch (activityId) {
      case 1 -> "Read";
      case 2 -> "Update";
      case 5 -> "Write";
      case 6 -> "Create";
      case 7 -> "Delete";
      default -> "Query";
    };
  }

  private static String leadingKeyword(String statement) {
    if (statement == null) {
      return "";
    }
    String trimmed = statement.stripLeading();
    // A WITH query's verb comes after its CTEs; Query is the honest activity without parsing it.
    int end = 0;
    while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
      end++;
    }
    return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
