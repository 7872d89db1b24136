package io.writebehind.bench.events;

import io.writebehind.bench.Figures;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An events system's results: its appends in the common figures (a write is an append), and
 * here the batched appends and each ingest's rows per second, by the JSON name of the figure.
 */
public final class EventFigures extends Figures {
  /** Ours (and the original's): the worker draining a prepared backlog. */
  public static final String INGEST = "ingestRowsPerSec";
  /** The floor's bare loads of the same rows from one connection, in one transaction. */
  public static final String COPY = "copyRowsPerSec";
  /** COPY in transactions of the worker's default batch size. */
  public static final String COPY_PER_BATCH = "copyPerBatchRowsPerSec";
  public static final String BINARY_COPY = "binaryCopyRowsPerSec";
  public static final String INSERT = "insertRowsPerSec";
  public static final String MULTI_ROW_INSERT = "multiRowInsertRowsPerSec";
  public static final String LOAD_DATA = "loadDataRowsPerSec";
  /** Events per {@code appendAll} (and per pipelined batch of the floor's script). */
  public static final int BATCH = 100;
  /** Producers of the batched appends. */
  public static final int BATCH_PRODUCERS = 8;

  /** Events per second appended in batches of {@link #BATCH} by {@link #BATCH_PRODUCERS} producers. */
  public Double appendBatchedOpsPerSec;
  /** Rows per second, by figure name; a figure not measured is absent. */
  public final Map<String, Double> ingest = new LinkedHashMap<>();
  /** After kill -9 of a child appending and draining: acknowledged events missing, and stored twice. */
  public Long ingestLostOnWorkerKill;
  public Long ingestDuplicatedOnWorkerKill;

  public EventFigures(String name) {
    super(name);
  }
}
