package io.writebehind.cli;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Which faults a starting worker waits out. A server that is down, restarting, still
 * loading its data or out of connections comes back by itself: the worker waits for it, as
 * a worker already running does. What waiting cannot fix fails at once: a malformed URL or
 * option (exit 2, found before anything is contacted), a refused login or ACL permission, a
 * database or a table that does not exist, a partition count that differs from the
 * namespace's (exit 3 or 1, as for any command). A refused password is not retried: it is a
 * setting to correct, and a supervisor that restarts the worker shows the message at once
 * instead of hiding it among retries.
 */
final class StartupFaults {
  /** Server replies that mean "not yet": loading the data set, a busy script, failover. */
  private static final Set<String> VALKEY_NOT_YET = Set.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

  private StartupFaults() {}

  /**
   * What the worker is waiting for, one line with URLs redacted, when {@code e} is a fault
   * to wait out; null when it is not.
   */
  static String waitingFor(Throwable e) {
    if (!passes(e)) {
      return null;
    }
    String m = Session.firstLine(e instanceof CliException ? e.getMessage() : Session.rootMessage(e));
    m = ServerUrls.scrub(m);
    for (String prefix : new String[] {"cannot connect to ", "cannot reach "}) {
      if (m.startsWith(prefix)) {
        return "waiting for " + m.substring(prefix.length());
      }
    }
    int refused = m.indexOf(" refused: ");
    if (m.startsWith("Valkey") && refused > 0) {
      return "waiting for " + m.substring(0, refused) + ": " + m.substring(refused + " refused: ".length());
    }
    return "waiting: " + m;
  }

  /** Whether the first server error in the cause chain is one that passes. */
  static boolean passes(Throwable e) {
    RedisCommandExecutionException refused = (RedisCommandExecutionException) Session.find(e, RedisCommandExecutionException.class);
    if (refused != null) {
      String word = String.valueOf(refused.getMessage()).split(" ", 2)[0].toUpperCase(Locale.ROOT);
      return VALKEY_NOT_YET.contains(word);
    }
    SQLException sql = (SQLException) Session.find(e, SQLException.class);
    if (sql != null) {
      return passes(sql.getSQLState()) || (sql.getSQLState() == null && Session.find(e, IOException.class) != null);
    }
    return Session.find(e, RedisException.class) != null;
  }

  /**
   * By SQLSTATE class: 08 connection, 53 insufficient resources (too many connections), 57
   * operator intervention (starting up, shutting down), HYT timeouts. Not 28 (a refused
   * login), 3D (no such database) or anything else.
   */
  static boolean passes(String sqlState) {
    if (sqlState == null || sqlState.length() < 2) {
      return false;
    }
    return switch (sqlState.substring(0, 2)) {
      case "08", "53", "57" -> true;
      default -> sqlState.startsWith("HYT");
    };
  }
}
