package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** build() refuses a table the sink could never write, naming the table and the column. */
class TableCheckIT {
  private final List<Object[]> created = new ArrayList<>();

  private String table(Dialect d, String columns) throws SQLException {
    String table = Databases.freshTable();
    created.add(new Object[] {d, table});
    Databases.exec(d, "CREATE TABLE " + Identifiers.quote(d, table) + " (" + columns + ")");
    return table;
  }

  private static String q(Dialect d, String name) {
    return Identifiers.quote(d, name);
  }

  private static JdbcSinkBuilder<Long, String> builder(Dialect d, String table) {
    return JdbcSink.<Long, String>builder().dataSource(Databases.pool(d)).table(table)
        .binder(KeyValueTable.binder()).installSchema(false);
  }

  /** Only the table: these sinks never get as far as a tombstone. */
  @AfterEach
  void dropTables() throws SQLException {
    for (Object[] t : created) {
      Dialect d = (Dialect) t[0];
      Databases.exec(d, "DROP TABLE IF EXISTS " + q(d, (String) t[1]));
    }
  }

  @AfterAll
  static void closePools() {
    Databases.closeAll();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTableWithoutTheVersionColumnFailsAtBuild(Dialect d) throws SQLException {
    String table = table(d, q(d, "id") + " BIGINT PRIMARY KEY, " + q(d, "payload") + " VARCHAR(10)");
    assertThatThrownBy(() -> builder(d, table).columns("payload").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table " + table)
        .hasMessageContaining("no column wb_version (the version column)");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aMissingValueOrKeyColumnFailsAtBuild(Dialect d) throws SQLException {
    String table = table(d, q(d, "id") + " BIGINT PRIMARY KEY, " + q(d, "payload") + " VARCHAR(10), "
        + q(d, "wb_version") + " BIGINT");
    assertThatThrownBy(() -> builder(d, table).columns("payload", "status").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table " + table)
        .hasMessageContaining("no column status (a value column)");
    assertThatThrownBy(() -> builder(d, table).keyColumn("order_id").columns("payload").build())
        .hasMessageContaining("no column order_id (the key column)");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aVersionColumnThatCannotHoldSixtyFourBitsFailsAtBuild(Dialect d) throws SQLException {
    String table = table(d, q(d, "id") + " BIGINT PRIMARY KEY, " + q(d, "payload") + " VARCHAR(10), "
        + q(d, "wb_version") + " INTEGER");
    assertThatThrownBy(() -> builder(d, table).columns("payload").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version column wb_version of table " + table)
        .hasMessageContaining("signed 64-bit integer (BIGINT)");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aMissingTableFailsAtBuild(Dialect d) {
    String table = Databases.freshTable();
    assertThatThrownBy(() -> builder(d, table).columns("payload").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("table " + table + " cannot be read");
  }
}
