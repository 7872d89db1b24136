package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcSinkBuilderTest {

  @Test
  void injectionInTableIsRejectedAtOnceNamingTheField() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().table("t; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table must match")
        .hasMessageContaining("'t; DROP TABLE x'");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().columns("payload", "p; DROP TABLE x"))
        .hasMessageContaining("columns must match");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().keyColumn("id--"))
        .hasMessageContaining("keyColumn must match");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().versionColumn("v v"))
        .hasMessageContaining("versionColumn must match");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().tombstoneTable("a.b.c"))
        .hasMessageContaining("tombstoneTable must match");
  }

  @Test
  void settingsAreGivenOnce() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().table("a").table("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("table was already set to a");
  }

  @Test
  void nullsNameTheField() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().dataSource(null))
        .hasMessage("dataSource must not be null");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().columns())
        .hasMessageContaining("columns must name at least one");
  }

  @Test
  void buildListsWhatIsMissing() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().table("t").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("JdbcSink needs dataSource, columns, binder to be set");
  }

  @Test
  void buildCrossChecksColumns() {
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder()
            .dataSource(new JdbcDataSource()).dialect(Dialect.H2).table("t")
            .columns("payload", "wb_version").binder(KeyValueTable.binder())
            .installSchema(false).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("versionColumn 'wb_version' repeats");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder()
            .dataSource(new JdbcDataSource()).dialect(Dialect.H2).table("wb_tombstone")
            .columns("payload").binder(KeyValueTable.binder()).installSchema(false).build())
        .hasMessageContaining("tombstoneTable must differ from table");
  }

  @Test
  void defaultsAndSql() throws Exception {
    // build() reads the table's columns, so it needs one: an in-memory H2 of this test's own.
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:builder_defaults;DB_CLOSE_DELAY=-1");
    KeyValueTable.create(ds, Dialect.H2, "kv");
    JdbcSink<Long, String> sink = JdbcSink.<Long, String>builder()
        .dataSource(ds).table("kv").columns("payload").binder(KeyValueTable.binder())
        .installSchema(false).build();
    assertThat(sink.dialect()).isEqualTo(Dialect.H2);
    assertThat(sink.table().keyColumn()).isEqualTo("id");
    assertThat(sink.table().versionColumn()).isEqualTo("wb_version");
    assertThat(sink.deleteSql()).isEqualTo(
        "DELETE FROM \"kv\" WHERE \"id\" = ? AND (\"wb_version\" IS NULL OR \"wb_version\" < ?)");
    assertThat(sink.upsertSql()).startsWith("MERGE INTO \"kv\" AS \"wb_t\"");
  }

  @Test
  void aDatabaseFailureDuringBuildIsUncheckedAndNamesTheTable() throws Exception {
    JdbcDataSource down = new JdbcDataSource();
    down.setURL("jdbc:h2:mem:builder_nowhere;IFEXISTS=TRUE");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder()
            .dataSource(down).table("kv").columns("payload").binder(KeyValueTable.binder()).build())
        .isInstanceOf(SinkSetupException.class)
        .hasMessageStartingWith("cannot connect to infer the dialect for table kv: ")
        .hasCauseInstanceOf(SQLException.class);
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().dataSource(down).dialect(Dialect.H2)
            .table("kv").columns("payload").binder(KeyValueTable.binder()).build())
        .isInstanceOf(SinkSetupException.class)
        .hasMessageStartingWith("cannot read the columns of table kv: ")
        .hasCauseInstanceOf(SQLException.class);

    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:builder_tombstone;DB_CLOSE_DELAY=-1");
    KeyValueTable.create(ds, Dialect.H2, "kv");
    assertThatThrownBy(() -> JdbcSink.<Long, String>builder().dataSource(ds).table("kv")
            .columns("payload").binder(KeyValueTable.binder()).tombstoneTable("no_such_schema.tombs").build())
        .isInstanceOf(SinkSetupException.class)
        .hasMessageStartingWith("cannot create the tombstone table no_such_schema.tombs"
            + " (columns tbl, k, version, deleted_at) for table kv: ")
        .hasCauseInstanceOf(SQLException.class);
  }

  @Test
  void buildCreatesTheTombstoneTableIfMissing() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:builder_install;DB_CLOSE_DELAY=-1");
    KeyValueTable.create(ds, Dialect.H2, "kv");
    JdbcSink.<Long, String>builder().dataSource(ds).table("kv").columns("payload")
        .binder(KeyValueTable.binder()).installSchema(false).build();
    assertThat(tableExists(ds, "wb_tombstone")).isFalse();
    KeyValueTable.sink(ds, "kv");
    assertThat(tableExists(ds, "wb_tombstone")).isTrue();
    KeyValueTable.sink(ds, "kv");
  }

  private static boolean tableExists(JdbcDataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  @Test
  void dialectFromUrl() {
    assertThat(Dialect.fromJdbcUrl("jdbc:mysql://h/db")).isEqualTo(Dialect.MARIADB);
    assertThatThrownBy(() -> Dialect.fromJdbcUrl("jdbc:oracle:thin:scott/tiger@h:1521:x"))
        .hasMessageContaining("unsupported database URL");
  }

  @Test
  void exactSumRefusesWithheldCounts() {
    assertThat(JdbcSink.exactSum(new int[] {1, 0, 1, 2})).isEqualTo(3);
    assertThat(JdbcSink.exactSum(new int[] {-2, -2, 1})).isEqualTo(-1);
  }
}
