package io.writebehind.it;

import io.writebehind.Events;
import io.writebehind.it.EventFixture.Reading;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A producer process: events of random sensors, one at a time and in batches of 20 by
 * turns, each acknowledged one written to the ack log ({@code id,sensor}) before the next,
 * until {@code n} are made or the stop file exists (the test's kills are over).
 *
 * <p>Args: valkeyUrl namespace partitions n sensors ackLog stopFile
 */
public final class EventWriterMain {
  private EventWriterMain() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[3]);
    int sensors = Integer.parseInt(args[4]);
    try (Events<Long, Reading> events = EventFixture.build(args[0], args[1], Integer.parseInt(args[2]), null);
         BufferedWriter log = Files.newBufferedWriter(Path.of(args[5]))) {
      System.out.println("READY");
      System.out.flush();
      ThreadLocalRandom r = ThreadLocalRandom.current();
      Path stop = Path.of(args[6]);
      for (int i = 0; i < n && !Files.exists(stop); i++) {
        List<Map.Entry<Long, Reading>> batch = new ArrayList<>();
        for (int j = 0; j < (i % 2 == 0 ? 1 : 20); j++) {
          batch.add(new AbstractMap.SimpleEntry<>((long) r.nextInt(sensors), new Reading(r.nextInt(1000), "w")));
        }
        long[] ids = batch.size() == 1 ? new long[] {events.append(batch.get(0).getKey(), batch.get(0).getValue())}
            : events.appendAll(batch);
        for (int j = 0; j < ids.length; j++) {
          log.write(ids[j] + "," + batch.get(j).getKey() + "\n");
        }
        log.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
  }
}
