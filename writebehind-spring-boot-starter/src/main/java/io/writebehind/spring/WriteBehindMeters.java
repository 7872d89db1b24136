package io.writebehind.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.writebehind.metrics.WriteBehindMetrics;

/**
 * Binds each namespace's meters ({@link WriteBehindMetrics}: queue depth, window, dead
 * letters, the worker's counts) to the application's registry once its worker runs.
 */
public final class WriteBehindMeters {
  WriteBehindMeters(WriteBehindWorkers workers, MeterRegistry registry) {
    if (registry == null) {
      return;
    }
    workers.onStart((ns, worker) -> {
      if (ns.engine() == null) {
        return; // counters: their admin has no engine for WriteBehindMetrics
      }
      // A restarted context binds a new worker: drop the meters of the one that went.
      registry.getMeters().stream()
          .filter(m -> ns.namespace().equals(m.getId().getTag("namespace")) && m.getId().getTag("worker") != null)
          .forEach(registry::remove);
      new WriteBehindMetrics(ns.engine(), worker).bindTo(registry);
    });
  }
}
