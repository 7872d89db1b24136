package io.writebehind.internal.drain;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.sink.RecordRejectedException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void sqlStatesSortByClass() {
    assertThat(Failures.classify("22001")).isEqualTo(Failures.Kind.RECORD);
    assertThat(Failures.classify("23505")).isEqualTo(Failures.Kind.RECORD);
    assertThat(Failures.classify("54000")).isEqualTo(Failures.Kind.RECORD);
    assertThat(Failures.classify("08006")).isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify("40001")).isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify("57P01")).isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify("HYT00")).isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify("P0001")).isEqualTo(Failures.Kind.UNKNOWN);
    assertThat(Failures.classify("42P01")).isEqualTo(Failures.Kind.UNKNOWN);
    assertThat(Failures.classify((String) null)).isEqualTo(Failures.Kind.UNKNOWN);
  }

  @Test
  void theFirstSqlErrorOfTheChainDecides() {
    assertThat(Failures.classify(new RuntimeException(new SQLException("trigger", "P0001"))))
        .isEqualTo(Failures.Kind.UNKNOWN);
    assertThat(Failures.classify(new SQLException("limit", "54000", new IOException("x"))))
        .isEqualTo(Failures.Kind.RECORD);
    assertThat(Failures.classify(new SQLTransientConnectionException("pool empty")))
        .isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify(new RecordRejectedException("bad"))).isEqualTo(Failures.Kind.RECORD);
  }

  @Test
  void withoutSqlAnIoErrorPassesAndASinksOwnBugIsUnknown() {
    assertThat(Failures.classify(new IOException("reset"))).isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify(new IllegalStateException(new IOException("reset"))))
        .isEqualTo(Failures.Kind.TRANSIENT);
    assertThat(Failures.classify(new NullPointerException("binder"))).isEqualTo(Failures.Kind.UNKNOWN);
  }
}
