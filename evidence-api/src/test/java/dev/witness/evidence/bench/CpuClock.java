package dev.witness.evidence.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * CPU time spent by this JVM and by the PostgreSQL server (postmaster, its live children and the
 * children it has reaped), from {@code /proc}. On a loaded machine wall-clock rates mostly measure
 * the other load; CPU per event is what a change to the ingest path moves.
 */
final class CpuClock {

  private static final double TICKS_PER_SECOND = 100.0;

  private final int postmaster;

  private CpuClock(int postmaster) {
    this.postmaster = postmaster;
  }

  /** A clock for the server behind {@code db}; null where {@code /proc} is not available. */
  static CpuClock of(DataSource db) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return new CpuClock(Integer.parseInt(stat(rs.getInt(1))[1]));
    } catch (SQLException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** JVM CPU seconds, PostgreSQL CPU seconds. */
  double[] now() throws IOException {
    double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
    String[] pm = stat(postmaster);
    long ticks = Long.parseLong(pm[11]) + Long.parseLong(pm[12]) + Long.parseLong(pm[13]) + Long.parseLong(pm[14]);
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          String[] f = stat(Integer.parseInt(p.getFileName().toString()));
          if (Integer.parseInt(f[1]) == postmaster) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException | RuntimeException gone) {
          // exited meanwhile: its time is in the postmaster's reaped-children counters
        }
      }
    }
    return new double[] {jvm, ticks / TICKS_PER_SECOND};
  }

  /** Fields of {@code /proc/pid/stat} after the command name: [0] state, [1] ppid, [11] utime... */
  private static String[] stat(int pid) throws IOException {
    String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return text.substring(text.lastIndexOf(')') + 2).split(" ");
  }
}
