package io.writebehind.spring;

import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a worker for every namespace when the context starts and closes them when it
 * stops: each finishes its batch in flight (up to the shutdown timeout) and gives back its
 * leases, so workers in other instances take over at once. Runs in an early phase, so that
 * it starts before the web server takes requests and stops after it has drained them.
 */
public class WriteBehindWorkers implements SmartLifecycle {
  /** Before the web server (which starts at DEFAULT_PHASE - 2048) and after it on stop. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
  private static final Logger log = LoggerFactory.getLogger(WriteBehindWorkers.class);

  private final WriteBehindEngines engines;
  private final WorkerOptions options;
  private final boolean enabled;
  private final List<BiConsumer<WriteBehindEngines.Namespace, Worker>> onStart = new ArrayList<>();
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private volatile boolean running;

  WriteBehindWorkers(WriteBehindEngines engines, WorkerOptions options, boolean enabled) {
    this.engines = engines;
    this.options = options;
    this.enabled = enabled;
  }

  /** Told of each namespace once its worker runs (worker null when disabled): the meters bind there. */
  void onStart(BiConsumer<WriteBehindEngines.Namespace, Worker> listener) {
    onStart.add(listener);
  }

  @Override
  public synchronized void start() {
    for (WriteBehindEngines.Namespace ns : engines.namespaces()) {
      Worker w = null;
      if (enabled) {
        w = ns.startWorker().apply(options);
        workers.put(ns.property(), w);
        log.info("writebehind: worker {} drains namespace '{}'", w.id(), ns.namespace());
      }
      for (BiConsumer<WriteBehindEngines.Namespace, Worker> l : onStart) {
        l.accept(ns, w);
      }
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
    workers.values().forEach(Worker::close);
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The worker of a namespace by its property path ({@code writebehind.caches.flights}), null when not running. */
  public synchronized Worker worker(String property) {
    return workers.get(property);
  }
}
