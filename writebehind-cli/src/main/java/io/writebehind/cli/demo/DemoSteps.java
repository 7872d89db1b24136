package io.writebehind.cli.demo;

import java.util.ArrayList;
import java.util.List;

/** The eight steps of the document's Hands-on Demo, each figure measured as it happens. */
final class DemoSteps extends StepGroup {
  private final ReadSteps reads;
  private final UpdateSteps updates;
  private final QueueStep queue;
  private final RestoreStep restore;

  DemoSteps(DemoRun run) {
    this(run, new DemoState());
  }

  private DemoSteps(DemoRun run, DemoState state) {
    super(run, state);
    this.reads = new ReadSteps(run, state);
    this.updates = new UpdateSteps(run, state);
    this.queue = new QueueStep(run, state);
    this.restore = new RestoreStep(run, state);
  }

  void run() throws Exception {
    List<Step> steps = List.of(
        new Step("Initial Read - Cache-Aside Pattern", reads::initial),
        new Step("Second Read - Cache Hit", reads::second),
        new Step("Update Flight Times - Write-Behind Pattern (Fast!)", updates::delay),
        new Step("Consistency Check - Before Queue Processing", updates::consistencyBefore),
        new Step("Process Queue - Background Worker", queue::process),
        new Step("Consistency Check - After Queue Processing", updates::consistencyAfter),
        new Step("Read Updated Flight Data", reads::updated),
        new Step("Restore Original Times", restore::run));
    st.logRowsBefore = r.repository.countLog(id);
    for (int i = 0; i < steps.size(); i++) {
      if (!proceed(i + 1, steps.get(i).title())) {
        return;
      }
      steps.get(i).action().run();
    }
    new DemoSummary(r, m).print();
  }

  private record Step(String title, Action action) {}

  private interface Action {
    void run() throws Exception;
  }

  /** Asks before a step in interactive mode; a "no" (or Ctrl-C) ends the demo, saying what it left. */
  private boolean proceed(int step, String title) {
    c.onInterruptAtPrompt(stopNote(step));
    if (c.confirm("Continue to step " + step + " (" + title + ")?", true)) {
      c.step(step, title);
      return true;
    }
    c.println();
    stopNote(step).forEach(c::println);
    return false;
  }

  /** What stopping before {@code step} leaves: nothing, or the delay and how to restore it. */
  private List<String> stopNote(int step) {
    if (!st.delayWritten) {
      return List.of("Stopped before step " + step + "; nothing was changed.");
    }
    List<String> lines = new ArrayList<>();
    lines.add(s.warnMark() + " " + s.yellow("The database was modified: flight " + id + " stays delayed by 2 hours")
        + " (departure " + FlightView.iso(st.delayed.departure()) + ", arrival " + FlightView.iso(st.delayed.arrival()) + ").");
    if (!st.delayInDatabase) {
      lines.add("  The delay is in the cache and queued; the database gets it as soon as a worker runs.");
    }
    lines.add("  To restore the original times run:  writebehind demo --restore -f " + id);
    lines.add("  (the next demo run of flight " + id + " restores them first as well)");
    return lines;
  }
}
