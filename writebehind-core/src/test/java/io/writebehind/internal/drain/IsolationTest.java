package io.writebehind.internal.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules by which a batch's refused records are found and sent to the dead letters, with a sink made of a map. */
class IsolationTest {
  /** A database that refuses some keys with a SQLSTATE each and takes the rest; counts its transactions. */
  private static final class Db implements Isolation.Apply<Integer> {
    final Map<Integer, String> refuses;
    final List<Integer> committed = new ArrayList<>();
    int transactions;

    Db(Map<Integer, String> refuses) {
      this.refuses = refuses;
    }

    @Override
    public int apply(List<Integer> items) throws SQLException {
      transactions++;
      for (int i : items) {
        String state = refuses.get(i);
        if (state != null) {
          throw state.startsWith("08") ? new SQLTransientConnectionException("down", state)
              : new SQLException("refused " + i, state);
        }
      }
      committed.addAll(items);
      return items.size();
    }
  }

  private static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void aRecordRefusedWithAnUnknownStateAmongGoodOnesIsDeadLettered() throws Exception {
    Db db = new Db(Map.of(37, "P0001"));
    Isolation.Outcome<Integer> o = Isolation.isolate(items(100), db);
    assertThat(o.applied()).hasSize(99).doesNotContain(37);
    assertThat(db.committed).hasSize(99);
    assertThat(o.deadLetters()).singleElement().satisfies(r -> assertThat(r.item()).isEqualTo(37));
    assertThat(o.retry()).isNull();
    // halving finds one bad record in about 2 log2(n) transactions, not n
    assertThat(db.transactions).isLessThanOrEqualTo(2 * 7 + 1);
  }

  @Test
  void aRecordErrorIsDeadLetteredEvenAlone() throws Exception {
    Isolation.Outcome<Integer> o = Isolation.isolate(items(1), new Db(Map.of(0, "54000")));
    assertThat(o.deadLetters()).hasSize(1);
    assertThat(o.retry()).isNull();
  }

  @Test
  void whenNothingCommitsAnUnknownErrorIsRetriedNotDeadLettered() throws Exception {
    Db db = new Db(Map.of(0, "42P01", 1, "42P01", 2, "42P01", 3, "42P01"));
    Isolation.Outcome<Integer> o = Isolation.isolate(items(4), db);
    assertThat(o.deadLetters()).isEmpty();
    assertThat(o.retry()).isInstanceOf(SQLException.class).hasMessageContaining("refused");
  }

  @Test
  void recordErrorsGoEvenWhenAnUnknownErrorHoldsTheBatch() throws Exception {
    Isolation.Outcome<Integer> o = Isolation.isolate(items(2), new Db(Map.of(0, "23505", 1, "P0001")));
    assertThat(o.deadLetters()).extracting(Isolation.Refusal::item).containsExactly(0);
    assertThat(o.retry()).hasMessageContaining("refused 1");
  }

  @Test
  void aPassingFailureAnywhereRetriesTheWholeBatch() {
    assertThatThrownBy(() -> Isolation.isolate(items(10), new Db(Map.of(3, "08006"))))
        .isInstanceOf(SQLTransientConnectionException.class);
  }
}
