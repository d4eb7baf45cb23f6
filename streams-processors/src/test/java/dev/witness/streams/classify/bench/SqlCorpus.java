package dev.witness.streams.classify.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A fixed, seeded corpus of distinct SQL statements shaped like agents' traffic: mostly reads with
 * joins, filters and limits, then writes with and without WHERE, DDL, CTEs, comments and
 * multi-statement strings. The same seed gives the same corpus, so runs compare.
 */
public final class SqlCorpus {

  private static final String[] TABLES = {"customers", "orders", "invoices", "payments", "products", "accounts",
      "tickets", "shipments", "audit_log", "sessions"};
  private static final String[] COLUMNS = {"id", "email", "status", "total", "created_at", "region", "amount",
      "customer_id", "name", "updated_at", "city", "priority"};

  private SqlCorpus() {}

  /** {@code size} distinct statements from {@code seed}. */
  public static List<String> statements(int size, long seed) {
    Random random = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < size) {
      out.add(statement(random, out.size()));
    }
    return new ArrayList<>(out);
  }

  /**
   * {@code size} distinct statements the way an agent sends them: a few dozen statement shapes
   * (its tools' queries), the popular ones more often, each time with other literal values.
   */
  public static List<String> agentTraffic(int size, long seed) {
    Random random = new Random(seed);
    List<String> templates = new ArrayList<>();
    for (int i = 0; i < SHAPES; i++) {
      // A template is a statement whose literals get replaced: one fixed table/column pick per shape.
      templates.add(statement(new Random(seed * 31 + i), i));
    }
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < size) {
      // Squaring a uniform pick favours the first shapes, as a few queries dominate an agent's traffic.
      double u = random.nextDouble();
      String template = templates.get((int) (u * u * SHAPES));
      out.add(withFreshLiterals(template, random));
    }
    return new ArrayList<>(out);
  }

  /** Distinct statement shapes in {@link #agentTraffic}. */
  public static final int SHAPES = 40;

  private static String withFreshLiterals(String template, Random random) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'[^']*'|(?<![\\w$.])\\d+(?![\\w.])")
        .matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String literal = m.group().startsWith("'") ? "'v" + random.nextInt(1_000_000) + "'"
          : String.valueOf(1 + random.nextInt(1_000_000));
      m.appendReplacement(out, literal);
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String statement(Random r, int n) {
    String t = pick(r, TABLES);
    String u = pick(r, TABLES);
    String c = pick(r, COLUMNS);
    String d = pick(r, COLUMNS);
    int k = r.nextInt(100_000);
    int shape = r.nextInt(100);
    if (shape < 30) {
      return "SELECT " + c + ", " + d + " FROM " + t + " WHERE " + c + " = " + k + " LIMIT " + (1 + r.nextInt(100));
    } else if (shape < 45) {
      return "SELECT a." + c + ", b." + d + ", count(*) FROM " + t + " a JOIN " + u + " b ON b.customer_id = a.id "
          + "WHERE a.created_at > now() - interval '" + (1 + r.nextInt(30)) + " days' AND b.status IN ('open', 'late') "
          + "GROUP BY a." + c + ", b." + d + " ORDER BY 3 DESC LIMIT " + (10 + n % 90);
    } else if (shape < 52) {
      return "SELECT * FROM " + t + " WHERE " + c + " IN (SELECT " + d + " FROM " + u + " WHERE amount > " + k + ")";
    } else if (shape < 62) {
      return "INSERT INTO " + t + " (" + c + ", " + d + ", status) VALUES (" + k + ", 'v" + n + "', 'new')";
    } else if (shape < 72) {
      return "UPDATE " + t + " SET " + c + " = '" + n + "', updated_at = now() WHERE id = " + k;
    } else if (shape < 76) {
      return "UPDATE " + t + " SET status = 'archived-" + n + "'";
    } else if (shape < 82) {
      return "DELETE FROM " + t + " WHERE " + c + " < " + k + " AND status = 'closed'";
    } else if (shape < 84) {
      return "DELETE FROM " + t + " WHERE true /* " + n + " */";
    } else if (shape < 88) {
      return switch (r.nextInt(4)) {
        case 0 -> "ALTER TABLE " + t + " ADD COLUMN note_" + n + " text";
        case 1 -> "CREATE INDEX idx_" + t + "_" + n + " ON " + t + " (" + c + ")";
        case 2 -> "DROP TABLE IF EXISTS tmp_" + t + "_" + n;
        default -> "CREATE TABLE tmp_" + n + " (id bigint PRIMARY KEY, " + c + " text NOT NULL)";
      };
    } else if (shape < 92) {
      return "WITH recent AS (SELECT id, " + c + " FROM " + t + " WHERE created_at > now() - interval '" + (n % 60 + 1)
          + " minutes') SELECT r." + c + ", o.total FROM recent r JOIN orders o ON o.customer_id = r.id LIMIT 20";
    } else if (shape < 94) {
      return "WITH gone AS (DELETE FROM " + t + " WHERE id = " + k + " RETURNING *) SELECT count(*) FROM gone";
    } else if (shape < 97) {
      return "/* agent " + n + " */ SELECT " + c + " FROM " + t + " -- ticket " + k + "\nWHERE id = " + k;
    } else {
      return "BEGIN; UPDATE " + t + " SET total = total - " + k + " WHERE id = " + n + "; COMMIT";
    }
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
