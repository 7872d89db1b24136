package io.writebehind.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools tuned for batched, guarded writes. */
public final class DataSources {
  private DataSources() {}

  /**
   * A HikariCP pool for the URL. Batched inserts are rewritten into multi-row statements
   * (pgjdbc {@code reWriteBatchedInserts}, MariaDB {@code rewriteBatchedStatements}) unless
   * the URL already says otherwise; that alone doubles drain throughput. A {@code jdbc:mysql:}
   * URL is served by the MariaDB driver ({@link JdbcUrls#forDriver}).
   */
  public static HikariDataSource hikari(String jdbcUrl, int maxPoolSize, String poolName) {
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
    }
    Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(JdbcUrls.forDriver(jdbcUrl));
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setPoolName(poolName);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    switch (dialect) {
      case POSTGRESQL -> {
        if (!jdbcUrl.contains("reWriteBatchedInserts")) {
          config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
      }
      case MARIADB -> {
        if (!jdbcUrl.contains("rewriteBatchedStatements")) {
          config.addDataSourceProperty("rewriteBatchedStatements", "true");
        }
      }
      case H2 -> { }
    }
    return new HikariDataSource(config);
  }
}
