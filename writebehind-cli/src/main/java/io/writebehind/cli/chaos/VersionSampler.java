package io.writebehind.cli.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads every key's database version every {@code periodMillis}: each sample feeds the
 * ledger's regression check (promise 3: the database never goes back) and its commit
 * times. Samples that fail (the database is down or the connection was cut) are skipped.
 * One plain connection, opened again after a failure: a pool would log every cut at length.
 */
final class VersionSampler {
  private final String jdbcUrl;
  private final int keys;
  private final long periodMillis;
  private final Ledger ledger;
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;
  private Connection connection;

  VersionSampler(String jdbcUrl, int keys, long periodMillis, Ledger ledger) {
    this.jdbcUrl = jdbcUrl;
    this.keys = keys;
    this.periodMillis = periodMillis;
    this.ledger = ledger;
  }

  void start() {
    thread = new Thread(() -> {
      while (running) {
        try {
          sampleOnce();
        } catch (SQLException | RuntimeException e) {
          failures.incrementAndGet();
        }
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "chaos-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(30_000);
    }
  }

  synchronized void sampleOnce() throws SQLException {
    try {
      if (connection == null) {
        connection = DriverManager.getConnection(jdbcUrl);
      }
      try (PreparedStatement ps = connection.prepareStatement("SELECT flight_id, wb_version FROM flight WHERE flight_id BETWEEN 1 AND ?")) {
        ps.setQueryTimeout(10);
        ps.setLong(1, keys);
        try (ResultSet rs = ps.executeQuery()) {
          // One time for the whole read: the versions were committed by then at the latest.
          long now = System.currentTimeMillis();
          while (rs.next()) {
            ledger.sampled(rs.getLong(1), rs.getLong(2), now);
          }
        }
      }
      samples.incrementAndGet();
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The sample after the drain, retried for up to ten seconds: the database may still be coming back. */
  void lastSample() throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      try {
        sampleOnce();
        return;
      } catch (SQLException | RuntimeException e) {
        Thread.sleep(500);
      }
    }
  }

  synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it was cut
      }
      connection = null;
    }
  }

  long samples() {
    return samples.get();
  }

  long failures() {
    return failures.get();
  }
}
