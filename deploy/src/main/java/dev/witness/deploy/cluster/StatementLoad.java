package dev.witness.deploy.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pgJDBC clients that run statements carrying unique markers through the PostgreSQL proxies,
 * alternating an INSERT of the marker and a SELECT naming it, and sort every statement's outcome:
 * answered, failed with an ErrorResponse from the server side (a SQLSTATE Witness chose), or
 * failed otherwise (a dropped socket or a client timeout: an unclear failure).
 */
final class StatementLoad implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatementLoad.class);
  /** Markers look like {@code cm-<client>-<n>}; the ledger audit finds them in recorded statements. */
  static final String MARKER_PREFIX = "cm-";
  /** Bounds every wait of a client: a statement never answered within it counts as unclear. */
  static final int SOCKET_TIMEOUT_SECONDS = 60;

  private final List<String> proxyAddresses;
  private final String user;
  private final String token;
  private volatile ThroughputTimeline answeredTimeline;
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running = true;

  final AtomicLong answered = new AtomicLong();
  final AtomicLong failedClear = new AtomicLong();
  final AtomicLong failedUnclear = new AtomicLong();
  final AtomicLong connectFailures = new AtomicLong();
  /** Logins that failed without an ErrorResponse (refused socket, timeout): unclear, like failedUnclear. */
  final AtomicLong connectFailuresUnclear = new AtomicLong();
  /** Answered INSERT markers: each must be in the database and in the ledger. */
  final Set<String> insertedAnswered = ConcurrentHashMap.newKeySet();
  /** Every marker of an answered statement (INSERT or SELECT): each must be in the ledger. */
  final Set<String> answeredMarkers = ConcurrentHashMap.newKeySet();
  /** Failures by SQLSTATE and kind ("server" or "client"), for the report. */
  final Map<String, AtomicLong> failuresByState = new ConcurrentHashMap<>();
  /** A few unclear failures, verbatim, for the report. */
  final List<String> unclearSamples = java.util.Collections.synchronizedList(new ArrayList<>());

  StatementLoad(List<String> proxyAddresses, String user, String token, ThroughputTimeline answeredTimeline) {
    this.proxyAddresses = List.copyOf(proxyAddresses);
    this.user = user;
    this.token = token;
    this.answeredTimeline = answeredTimeline;
  }

  /** Counts answered statements from now on in {@code timeline} (after the warm-up). */
  void measureInto(ThroughputTimeline timeline) {
    this.answeredTimeline = timeline;
  }

  /** Starts {@code count} clients; client {@code i} uses proxy {@code i % proxies}. */
  void start(int count) {
    for (int i = 0; i < count; i++) {
      int client = i;
      Thread t = new Thread(() -> runClient(client), "cluster-client-" + i);
      t.setDaemon(true);
      clients.add(t);
      t.start();
    }
  }

  private void runClient(int client) {
    String address = proxyAddresses.get(client % proxyAddresses.size());
    long n = 0;
    Connection connection = null;
    while (running) {
      if (connection == null) {
        connection = connect(address);
        if (connection == null) {
          pause(500);
          continue;
        }
      }
      n++;
      String marker = MARKER_PREFIX + client + "-" + n;
      boolean insert = n % 2 == 1;
      String sql = insert
          ? "INSERT INTO cluster_probe (marker, client) VALUES ('" + marker + "', " + client + ")"
          : "SELECT '" + marker + "' AS probe, count(*) FROM cluster_probe WHERE client = " + client;
      try (Statement statement = connection.createStatement()) {
        if (insert) {
          statement.executeUpdate(sql);
        } else {
          try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
              rows.getString(1);
            }
          }
        }
        answered.incrementAndGet();
        answeredMarkers.add(marker);
        if (insert) {
          insertedAnswered.add(marker);
        }
        answeredTimeline.add(System.nanoTime(), 1);
      } catch (SQLException e) {
        boolean fromServer = e instanceof PSQLException p && p.getServerErrorMessage() != null;
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        failuresByState.computeIfAbsent((fromServer ? "server " : "client ") + state, k -> new AtomicLong()).incrementAndGet();
        if (fromServer) {
          failedClear.incrementAndGet();
        } else {
          failedUnclear.incrementAndGet();
          if (unclearSamples.size() < 5) {
            unclearSamples.add(marker + ": " + state + " " + e.getMessage());
          }
        }
        if (!isOpen(connection)) {
          close(connection);
          connection = null;
        }
        // Witness fails closed quickly while Kafka elects leaders; do not spin on it.
        pause(100);
      }
    }
    close(connection);
  }

  private Connection connect(String address) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", token);
    props.setProperty("sslmode", "disable");
    props.setProperty("ApplicationName", "witness:purpose=cluster-test");
    props.setProperty("connectTimeout", "10");
    props.setProperty("loginTimeout", "30");
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("preferQueryMode", "simple");
    try {
      return DriverManager.getConnection("jdbc:postgresql://" + address + "/demo", props);
    } catch (SQLException e) {
      // Logging in is recorded too; with Kafka unavailable Witness refuses it with a SQLSTATE.
      connectFailures.incrementAndGet();
      if (!(e instanceof PSQLException p && p.getServerErrorMessage() != null)) {
        connectFailuresUnclear.incrementAndGet();
        if (unclearSamples.size() < 5) {
          unclearSamples.add("login: " + e.getSQLState() + " " + e.getMessage());
        }
      }
      LOG.debug("cluster client cannot connect address={} sqlState={}", address, e.getSQLState());
      return null;
    }
  }

  private static boolean isOpen(Connection connection) {
    try {
      // pgJDBC closes the connection after a FATAL error or a broken socket; isValid would send a
      // statement through Witness and count as load.
      return !connection.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  private static void close(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Already broken.
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Statements attempted so far. */
  long attempted() {
    return answered.get() + failedClear.get() + failedUnclear.get();
  }

  /** Failures by SQLSTATE, sorted, e.g. {@code server 08006=12}. */
  Map<String, Long> failureCounts() {
    Map<String, Long> sorted = new TreeMap<>();
    failuresByState.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted;
  }

  /** Stops the clients after their current statement; each is bounded by the socket timeout. */
  @Override
  public void close() {
    running = false;
    for (Thread t : clients) {
      try {
        t.join((SOCKET_TIMEOUT_SECONDS + 10) * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether every client thread ended (none hangs). */
  boolean allStopped() {
    return clients.stream().noneMatch(Thread::isAlive);
  }
}
