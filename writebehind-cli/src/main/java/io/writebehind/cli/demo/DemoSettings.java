package io.writebehind.cli.demo;

import java.time.Duration;

/** The choices a demo run is made with. */
record DemoSettings(long flightId, boolean verbose, boolean flush, boolean externalWorker, Duration drainTimeout,
    String workerCommand) {

  DemoSettings withFlightId(long id) {
    return new DemoSettings(id, verbose, flush, externalWorker, drainTimeout, workerCommand);
  }
}
