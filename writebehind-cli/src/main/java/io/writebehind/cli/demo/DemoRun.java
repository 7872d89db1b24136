package io.writebehind.cli.demo;

import io.writebehind.cli.CliException;
import io.writebehind.cli.Session;
import io.writebehind.CacheRead;
import io.writebehind.WriteBehind;
import io.writebehind.WriteBehindOptions;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One run of the walkthrough: settles what earlier runs left, then the eight steps
 * ({@link DemoSteps}). It runs its own engine over the session's connection, so the flights
 * sink can be timed for the verbose output.
 */
final class DemoRun implements AutoCloseable {
  final Session session;
  final Console console;
  final Style style;
  final FlightRepository repository;
  final WriteBehind<Long, Flight> engine;
  final TimingSink sink;
  final QueueDrain drain;
  DemoSettings settings;

  DemoRun(Session session, Console console, DemoSettings settings) {
    this.session = session;
    this.console = console;
    this.style = console.style();
    this.settings = settings;
    this.repository = session.repository();
    this.sink = new TimingSink(session.sink());
    WriteBehindOptions o = session.engine().options();
    this.engine = WriteBehind.builder(new FlightCodec()).valkeyUrl(session.valkeyUrl())
        .namespace(o.namespace()).partitions(o.partitions()).ttl(o.ttl())
        .maxJournalLength(o.maxJournalLength()).commandTimeout(o.commandTimeout())
        .sink(sink).build();
    this.drain = new QueueDrain(engine, settings.externalWorker(), settings.drainTimeout(), settings.workerCommand());
  }

  void run() throws Exception {
    if (!console.interactive()) {
      requireFlight(settings.flightId()); // a bad id is one line on stderr, before anything else
    }
    header();
    chooseFlight();
    settle();
    long warmed = Warmup.run(engine, repository, session.valkeyUrl(), settings.flightId());
    if (warmed > 0) {
      console.println(style.dim("(JVM and connections warmed up with read-only calls on flight " + warmed
          + ", so the figures below measure the pattern, not Java start-up)"));
    }
    new DemoSteps(this).run();
  }

  /** {@code --restore}: only undo what an earlier run left. */
  void restoreOnly() throws Exception {
    requireFlight(settings.flightId());
    if (!settle()) {
      console.println(style.ok() + " Flight " + settings.flightId() + " has no delay left by the demo; nothing to restore.");
    }
  }

  private void header() {
    console.panel(List.of(
        style.bold("Write-Behind Cache Pattern Demo"),
        "Writes land in Valkey at cache speed and return; a background worker",
        "writes them to the database later, in batches (eventual consistency).",
        "Worker: " + (settings.externalWorker() ? "external ('writebehind worker' in another terminal)" : "in this process, from step 5")));
    console.println(style.ok() + " Connected to database and cache");
    console.servers(session.describe());
    console.indented("Namespace: " + engine.options().namespace() + " (" + engine.options().partitions() + " partitions)");
    // What a restart or failover of this server would lose, as the worker warns of it.
    for (String warning : engine.admin().durabilityWarnings()) {
      console.println(style.warnMark() + " warning: " + warning);
    }
  }

  /** Interactive mode first offers another flight; every id is checked against the database. */
  private void chooseFlight() throws SQLException {
    if (!console.interactive()) {
      requireFlight(settings.flightId());
      return;
    }
    long[] range = range();
    console.onInterruptAtPrompt(List.of("Stopped before step 1; nothing was changed."));
    while (true) {
      String answer = console.ask("Flight ID to use (" + range[0] + ".." + range[1] + ") [" + settings.flightId() + "]: ");
      if (answer == null || answer.isBlank()) {
        if (answer == null) {
          console.println();
        }
        if (exists(settings.flightId())) {
          return;
        }
        requireFlight(settings.flightId());
      }
      try {
        long id = Long.parseLong(answer.strip());
        if (exists(id)) {
          settings = settings.withFlightId(id);
          return;
        }
        console.println(style.bad() + " No flight " + id + "; valid flight ids are " + range[0] + ".." + range[1]);
      } catch (NumberFormatException e) {
        console.println(style.bad() + " Not a number: " + answer.strip());
      }
    }
  }

  private boolean exists(long id) throws SQLException {
    return repository.find(id).isPresent();
  }

  private long[] range() throws SQLException {
    return new long[] {repository.minFlightId(), repository.maxFlightId()};
  }

  private void requireFlight(long id) throws SQLException {
    if (!exists(id)) {
      long[] r = range();
      throw CliException.badInput("no flight " + id + ": valid flight ids are " + r[0] + ".." + r[1]);
    }
  }

  /**
   * Undoes what an earlier run left: queued updates get processed first (never dropped),
   * a demo delay still in the database is restored, and with --flush the namespace's keys go.
   * Returns whether a delay was restored.
   */
  private boolean settle() throws Exception {
    long id = settings.flightId();
    long queued = engine.admin().status().unflushed();
    boolean dirty = engine.read(id, k -> null).dirty();
    if (queued > 0 && (settings.flush() || dirty)) {
      console.println(style.warnMark() + " " + queued + " update(s) queued before this run; processing them first");
      drain.ensureWorker(console);
      drain.drain(console, "Earlier updates");
    }
    Optional<Flight> leftover = Leftover.find(repository, id);
    if (leftover.isPresent()) {
      Flight original = leftover.get();
      console.println(style.warnMark() + " Flight " + id + " is still delayed by an earlier demo run that stopped before step 8;"
          + " restoring " + FlightView.iso(original.departure()) + " / " + FlightView.iso(original.arrival()));
      engine.put(id, original, Leftover.restoreMeta());
      drain.ensureWorker(console);
      drain.drain(console, "Restoring");
      console.println(style.ok() + " Restored");
    }
    // The demo's own worker starts at step 5, so that step 4 can show the queued state.
    drain.stopWorker();
    if (settings.flush()) {
      long deleted = engine.admin().purgeNamespace();
      console.println(style.ok() + " Flushed namespace '" + engine.options().namespace() + "': " + deleted + " key(s) deleted");
      console.println(" ".repeat(Style.width(style.ok()) + 1) + "(this application's cache and queue keys only, never FLUSHALL)");
    }
    return leftover.isPresent();
  }

  @Override
  public void close() {
    console.close();
    drain.stopWorker();
    engine.close();
  }
}
