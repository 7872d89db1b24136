package io.writebehind.cli.demo;

import java.util.List;

/** Step 5: a worker drains the queue into the database; verbose mode shows what it ran. */
final class QueueStep extends StepGroup {
  QueueStep(DemoRun run, DemoState state) {
    super(run, state);
  }

  void process() {
    if (r.settings.externalWorker()) {
      c.println("No worker runs in this process (--external-worker): a 'writebehind worker' elsewhere drains the queue.");
    } else {
      c.println("Until now no worker ran; starting one drains the queue into the database.");
    }
    c.println("Queue Status: " + r.engine.admin().status().unflushed() + " pending update(s)");
    r.sink.drainBatches();
    r.drain.ensureWorker(c);
    QueueDrain.Result res = r.drain.drain(c, "Processing queue");
    st.delayInDatabase = true;
    m.drainMs = res.millis();
    if (res.initial() == 0) {
      c.println(s.ok() + " The queue was already empty: a worker elsewhere processed it.");
    } else {
      c.println(s.ok() + " Processed: " + res.processed() + " update(s) in " + Millis.format(res.millis()));
    }
    String failed = res.retries() + " retried batch(es), " + res.deadLetters() + " dead letter(s)";
    c.println((res.retries() + res.deadLetters() == 0 ? s.ok() : s.bad()) + " Failed: " + failed);
    if (r.settings.verbose()) {
      verboseWorker();
    }
  }

  private void verboseWorker() {
    List<TimingSink.Batch> batches = r.sink.drainBatches();
    String worker = r.drain.worker() == null ? "<worker>" : r.drain.worker().id();
    c.println();
    c.println(s.bold("Valkey commands of the worker:"));
    c.verbose("1.", commands.readGroup(worker));
    c.verbose("2.", commands.ack() + "   (after the database commit)");
    List<String> sql = r.session.sink().statements();
    c.println(s.bold("SQL the worker ran, one transaction (" + (sql.size() + 1) + " statements):"));
    for (int i = 0; i < sql.size(); i++) {
      c.verbose((i + 1) + ".", sql.get(i));
    }
    c.verbose((sql.size() + 1) + ".", "COMMIT");
    if (batches.isEmpty()) {
      c.indented(s.dim("(the transaction ran in another process: its timings are that worker's)"));
    }
    for (TimingSink.Batch b : batches) {
      c.indented(s.dim("transaction of " + b.records() + " record(s), " + b.applied() + " applied: " + Millis.format(Millis.of(b.nanos()))));
    }
  }
}
