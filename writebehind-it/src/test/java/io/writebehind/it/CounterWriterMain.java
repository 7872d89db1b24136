package io.writebehind.it;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Counters;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.JdbcCounterSink;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A writer process: increments of views of random keys, each acknowledged one written to
 * the ack log ({@code key,delta}) before the next, until {@code n} are made or the stop file
 * exists (the test's kills are over).
 *
 * <p>Args: valkeyUrl jdbcUrl namespace table partitions n keys ackLog stopFile
 */
public final class CounterWriterMain {
  private CounterWriterMain() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[5]);
    int keys = Integer.parseInt(args[6]);
    try (HikariDataSource ds = DataSources.hikari(args[1], 2, "writer");
         Counters<Long> counters = CounterFixture.build(args[0], args[2], Integer.parseInt(args[4]),
             JdbcCounterSink.<Long>builder(ds, args[3], "id").build());
         BufferedWriter log = Files.newBufferedWriter(Path.of(args[7]))) {
      System.out.println("READY");
      System.out.flush();
      ThreadLocalRandom r = ThreadLocalRandom.current();
      Path stop = Path.of(args[8]);
      for (int i = 0; i < n && (i % 50 != 0 || !Files.exists(stop)); i++) {
        long key = r.nextInt(keys);
        long delta = 1 + r.nextInt(5);
        counters.increment(key, "views", delta);
        log.write(key + "," + delta + "\n");
        log.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
  }
}
