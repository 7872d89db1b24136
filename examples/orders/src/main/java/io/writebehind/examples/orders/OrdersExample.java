package io.writebehind.examples.orders;

// tag::imports[]
import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.CacheRead;
import io.writebehind.WriteBehind;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.JdbcSink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
// end::imports[]

/**
 * What a service does with writebehind: orders written at cache speed, one read back from the
 * cache, a worker draining them into PostgreSQL; then the example reads the rows with plain
 * JDBC and checks them. {@code VALKEY_URL} and {@code DATABASE_URL} say where the servers are.
 * Exits 1 with a one-line message when a row does not match or anything fails.
 */
public final class OrdersExample {
  // tag::namespace[]
  /** The example's own keys in Valkey, purged at the end of a run. */
  static final String NAMESPACE = "orders-example";
  // end::namespace[]
  static final String DEFAULT_VALKEY_URL = "redis://127.0.0.1:6379";
  static final String DEFAULT_DATABASE_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private OrdersExample() {}

  public static void main(String[] args) {
    String valkeyUrl = Urls.env("VALKEY_URL", DEFAULT_VALKEY_URL);
    String databaseUrl = Urls.env("DATABASE_URL", DEFAULT_DATABASE_URL);
    System.out.println("Valkey    " + Urls.withoutPassword(valkeyUrl) + ", namespace " + NAMESPACE);
    System.out.println("Database  " + Urls.withoutPassword(databaseUrl));
    List<String> mismatches;
    try {
      mismatches = run(valkeyUrl, databaseUrl, System.out);
    } catch (Exception e) {
      System.err.println("orders example failed: " + Urls.oneLine(e));
      System.exit(1);
      return;
    }
    if (!mismatches.isEmpty()) {
      System.err.println("orders example: the database does not hold what was written: "
          + String.join("; ", mismatches));
      System.exit(1);
    }
  }

  // tag::usage[]
  static List<String> run(String valkeyUrl, String databaseUrl, PrintStream out) throws SQLException {
    try (HikariDataSource dataSource = DataSources.hikari(databaseUrl, 4, "orders")) {
      createOrdersTable(dataSource);
      JdbcSink<Long, Order> sink = JdbcSink.<Long, Order>builder()
          .dataSource(dataSource).table("orders").keyColumn("id").columns("status", "total_cents")
          .binder(new OrderBinder())            // binds the id and the columns of an order
          .build();                             // checks the table's columns, wb_version BIGINT too
      try (WriteBehind<Long, Order> orders = WriteBehind.builder(new OrderCodec())
          .valkeyUrl(valkeyUrl)
          .namespace(NAMESPACE).partitions(4).ttl(Duration.ofMinutes(10))
          .sink(sink)
          .build()) {
        Map<Long, Order> written = new TreeMap<>();
        written.put(1001L, new Order("new", 2_499));
        written.put(1002L, new Order("new", 10_000));
        written.put(1003L, new Order("gift: \"wrap it\"\nleave it at the door", 1_250));
        long started = System.nanoTime();
        orders.putAll(written);                 // cache speed: each value stored and journaled atomically
        written.put(1001L, new Order("paid", 2_499));
        orders.put(1001L, written.get(1001L));  // the newest write of a key wins, here and in the table
        out.printf("Wrote     3 orders, then paid 1001, in %.1f ms%n", (System.nanoTime() - started) / 1e6);

        CacheRead<Order> read = orders.read(1001L, id -> loadOrder(dataSource, id)); // cache-aside
        out.printf("Read      order 1001 from the %s%s: %s%n", read.hit() ? "cache" : "database",
            read.dirty() ? " (not in the database yet)" : "", read.value().orElse(null));

        try (Worker worker = orders.startWorker(WorkerOptions.defaults())) {
          started = System.nanoTime();
          orders.flush(Duration.ofSeconds(10)); // returns once every write so far is in the database
          out.printf("Flushed   by worker %s in %.1f ms%n", worker.id(), (System.nanoTime() - started) / 1e6);
        }
        List<String> mismatches = RowCheck.compare(written, id -> loadOrder(dataSource, id), out);
        long purged = orders.admin().purgeNamespace(); // the example's own keys; a service keeps its queue
        out.printf("Purged    %d keys of namespace %s%n", purged, NAMESPACE);
        return mismatches;
      }
    }
  }
  // end::usage[]

  // tag::schema[]
  /** The guarded table: the key, the value's columns, and the version the sink keeps. */
  static void createOrdersTable(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY,"
          + " status TEXT NOT NULL, total_cents BIGINT NOT NULL, wb_version BIGINT)");
    }
  }
  // end::schema[]

  // tag::loader[]
  /** Plain JDBC: the order's row, or null when there is none. */
  static Order loadOrder(DataSource dataSource, long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT status, total_cents FROM orders WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Order(rs.getString(1), rs.getLong(2)) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read order " + id + ": " + e.getMessage(), e);
    }
  }
  // end::loader[]
}
