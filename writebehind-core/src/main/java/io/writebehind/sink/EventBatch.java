package io.writebehind.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of events, one run of journal entries per partition. Positions and entries are
 * journal entry ids read as one number (milliseconds times a million plus the sequence), so
 * they compare as numbers.
 *
 * @param namespace the stream's namespace: with the partition, it names a position
 * @param runs one per partition, by partition
 * @param <K> key type
 * @param <E> event type
 */
public record EventBatch<K, E>(String namespace, List<Run<K, E>> runs) {

  /** Copies the list. */
  public EventBatch {
    Objects.requireNonNull(namespace, "namespace");
    runs = List.copyOf(runs);
  }

  /**
   * One partition's entries in the batch: a contiguous run of its journal, less the entries
   * already moved to the dead letters.
   *
   * @param partition the partition
   * @param after every entry up to this one had been delivered to some worker when the run
   *     was read; if the database's position is older, entries between are missing (a gap)
   * @param last the run's newest entry: the position once the run is stored
   * @param events the run's events, oldest first
   */
  public record Run<K, E>(int partition, long after, long last, List<Event<K, E>> events) {
    /** Copies the list. */
    public Run {
      events = List.copyOf(events);
    }

    /** Whether the run starts past the position: storing it would skip entries. */
    public boolean gapAfter(long position) {
      return after > position;
    }
  }

  /**
   * One event.
   *
   * @param id the id {@code append} returned, which the database's row carries
   * @param entry the journal entry that holds it (the id itself, unless the event was replayed
   *     from the dead letters): what the position is compared with
   * @param key the event's key
   * @param event the event
   */
  public record Event<K, E>(long id, long entry, K key, E event) {
    public Event {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(event, "event");
    }
  }

  /** The events to store: each partition's entries newer than its position, for the partitions in {@code positions}. */
  public List<Event<K, E>> newEvents(Map<Integer, Long> positions) {
    List<Event<K, E>> out = new ArrayList<>();
    for (Run<K, E> run : runs) {
      Long position = positions.get(run.partition());
      if (position == null) {
        continue;
      }
      for (Event<K, E> e : run.events()) {
        if (e.entry() > position) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
