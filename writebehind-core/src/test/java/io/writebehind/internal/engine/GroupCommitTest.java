package io.writebehind.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The sharing rule of WAITs: only a WAIT sent after a write acknowledged may answer for it. */
class GroupCommitTest {
  /** WAITs "sent", answered by the test in any order. */
  private final List<CompletableFuture<Integer>> sent = new ArrayList<>();
  private final GroupCommit<Integer> group = new GroupCommit<>();

  private final Supplier<CompletableFuture<Integer>> send = () -> {
    CompletableFuture<Integer> wait = new CompletableFuture<>();
    sent.add(wait);
    return wait;
  };

  @Test
  void aWriteArrivingWhileAWaitIsOutGetsTheNextWaitsAnswerNotThatOne() {
    CompletableFuture<Integer> first = group.await("a", send);
    CompletableFuture<Integer> second = group.await("a", send);
    assertThat(sent).hasSize(1);

    sent.get(0).complete(1);
    assertThat(first).isCompletedWithValue(1);
    // The WAIT in flight was sent before the second write; its answer must not count for it.
    assertThat(second).isNotDone();
    assertThat(sent).hasSize(2);

    sent.get(1).complete(2);
    assertThat(second).isCompletedWithValue(2);
  }

  @Test
  void manyWritersWaitingBehindOneWaitShareOneMore() {
    CompletableFuture<Integer> first = group.await("a", send);
    List<CompletableFuture<Integer>> behind = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      behind.add(group.await("a", send));
    }
    assertThat(sent).hasSize(1);
    sent.get(0).complete(1);
    assertThat(sent).hasSize(2);
    sent.get(1).complete(7);
    assertThat(first).isCompletedWithValue(1);
    assertThat(behind).allSatisfy(f -> assertThat(f).isCompletedWithValue(7));
    assertThat(sent).hasSize(2);
  }

  @Test
  void aQuietNodeSendsAtOnceAgain() {
    group.await("a", send);
    sent.get(0).complete(1);
    CompletableFuture<Integer> later = group.await("a", send);
    assertThat(sent).hasSize(2);
    sent.get(1).complete(3);
    assertThat(later).isCompletedWithValue(3);
  }

  @Test
  void primariesDoNotShareWaits() {
    CompletableFuture<Integer> a = group.await("a", send);
    CompletableFuture<Integer> b = group.await("b", send);
    assertThat(sent).hasSize(2);
    sent.get(1).complete(5);
    assertThat(b).isCompletedWithValue(5);
    assertThat(a).isNotDone();
  }

  @Test
  void aFailedWaitFailsItsOwnWritersAndTheQueuedOneStillGoesOut() {
    CompletableFuture<Integer> first = group.await("a", send);
    CompletableFuture<Integer> second = group.await("a", send);
    sent.get(0).completeExceptionally(new IllegalStateException("connection reset"));
    assertThat(first).isCompletedExceptionally();
    assertThat(second).isNotDone();
    sent.get(1).complete(1);
    assertThat(second).isCompletedWithValue(1);
  }

  @Test
  void aSendThatThrowsFailsItsWritersAndFreesTheNode() {
    CompletableFuture<Integer> failed = group.await("a", () -> {
      throw new IllegalStateException("no primary serves the slot");
    });
    assertThat(failed).isCompletedExceptionally();
    CompletableFuture<Integer> next = group.await("a", send);
    assertThat(sent).hasSize(1);
    sent.get(0).complete(1);
    assertThat(next).isCompletedWithValue(1);
  }
}
