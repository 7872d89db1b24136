package io.writebehind.cli.demo;

import io.writebehind.WriteBehind;
import io.writebehind.admin.CommandTrace;
import io.writebehind.flights.Flight;

/** The Valkey commands behind each engine call, as the engine spells them out, for the verbose demo. */
final class Commands {
  private final CommandTrace trace;

  Commands(WriteBehind<Long, Flight> engine, long flightId) {
    this.trace = engine.commandsFor(flightId, null);
  }

  String read() {
    return trace.read();
  }

  String fill() {
    return trace.fill();
  }

  /** The put of {@code flight}: its keys and arguments as the write script gets them. */
  String write(WriteBehind<Long, Flight> engine, Flight flight) {
    return engine.commandsFor(flight.flightId(), flight).write().describe()
        + "   (check the partition count, XADD journal, HSET value+version, PERSIST, HSET dirty version: one atomic step)";
  }

  String readGroup(String worker) {
    return trace.drainRead().replace("<worker>", worker);
  }

  String ack() {
    return trace.ack();
  }
}
