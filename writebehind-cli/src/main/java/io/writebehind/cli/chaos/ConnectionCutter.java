package io.writebehind.cli.chaos;

import io.writebehind.jdbc.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Cuts the database connections of this run (its worker processes' and its own), the way
 * a failover, a network blip or an idle-timeout in a proxy does: the server ends them and
 * the next statement on each fails.
 */
final class ConnectionCutter {
  private final String jdbcUrl;
  private final Dialect dialect;
  private final Supplier<List<Long>> pids;
  private boolean warnedNoProc;

  ConnectionCutter(String jdbcUrl, Dialect dialect, Supplier<List<Long>> pids) {
    this.jdbcUrl = jdbcUrl;
    this.dialect = dialect;
    this.pids = pids;
  }

  /** Returns how many connections were ended, and a note when they could not be told apart. */
  Result cut() throws SQLException {
    Optional<Set<Integer>> ports = OwnSockets.localPorts(pids.get());
    String note = null;
    if (ports.isEmpty() && !warnedNoProc) {
      warnedNoProc = true;
      note = "no /proc to tell this run's connections apart: cutting every connection to the database";
    }
    // A fresh connection each time: a pooled one would be among those being cut.
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      List<Long> victims = new ArrayList<>();
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT pid, client_port FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
          while (rs.next()) {
            if (ports.isEmpty() || ports.get().contains(rs.getInt(2))) {
              victims.add(rs.getLong(1));
            }
          }
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
          for (long pid : victims) {
            ps.setInt(1, (int) pid);
            try (ResultSet rs = ps.executeQuery()) {
              n += rs.next() && rs.getBoolean(1) ? 1 : 0;
            }
          }
        }
        return new Result(n, note);
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT ID, HOST, DB FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND DB = DATABASE()")) {
        while (rs.next()) {
          String host = rs.getString(2);
          int colon = host == null ? -1 : host.lastIndexOf(':');
          int port = colon < 0 ? -1 : Integer.parseInt(host.substring(colon + 1));
          if (ports.isEmpty() || ports.get().contains(port)) {
            victims.add(rs.getLong(1));
          }
        }
      }
      int n = 0;
      try (Statement st = c.createStatement()) {
        for (long id : victims) {
          try {
            st.execute("KILL CONNECTION " + id);
            n++;
          } catch (SQLException gone) {
            // ended by itself meanwhile
          }
        }
      }
      return new Result(n, note);
    }
  }

  record Result(int cut, String note) {}
}
