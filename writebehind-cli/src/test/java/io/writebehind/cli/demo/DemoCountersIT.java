package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.cli.TestNamespaces;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code demo counters} on real servers: a worker process killed with kill -9 mid-run, and
 * still the acknowledged increments, the cache and the database agree; the naive get + put
 * beside it says how many increments it lost.
 */
class DemoCountersIT {
  private static final Pattern ALL = Pattern.compile("\\| All 20 \\| ([\\d,]+) +\\| ([\\d,]+) +\\| ([\\d,]+) +\\| ([\\d,]+) +\\|");
  private static final Pattern NAIVE = Pattern.compile("([\\d,]+) increments acknowledged, totals add up to ([\\d,]+): ([\\d,]+) lost");

  @Test
  void acknowledgedCacheAndDatabaseTotalsAgree() throws Exception {
    try (FreshDatabase db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_demo_counters")) {
      String ns = "demo-counters-" + db.name().substring(db.name().lastIndexOf('_') + 1);
      try {
        CliRun run = CliRun.run("demo", "counters", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url(),
            "--namespace", ns, "--partitions", "4", "--seconds", "3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String out = run.out();
        assertThat(out).as("piped output is plain ASCII").matches("\\p{ASCII}*");
        assertThat(out.lines().filter(l -> !l.contains("://"))).as("fits 80 columns, but for the servers' URLs")
            .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(out).contains("kill -9 of worker", "Before + acknowledged = cache = database for every flight");

        Matcher all = ALL.matcher(out);
        assertThat(all.find()).as(out).isTrue();
        long before = number(all.group(1));
        long acknowledged = number(all.group(2));
        assertThat(before).isZero();
        assertThat(acknowledged).isPositive();
        assertThat(number(all.group(3))).as("cache total").isEqualTo(acknowledged);
        assertThat(number(all.group(4))).as("database total").isEqualTo(acknowledged);

        Matcher naive = NAIVE.matcher(out);
        assertThat(naive.find()).as(out).isTrue();
        assertThat(number(naive.group(1))).isEqualTo(acknowledged);
        assertThat(number(naive.group(1)) - number(naive.group(2))).isEqualTo(number(naive.group(3)));
      } finally {
        TestNamespaces.purge(TestServers.valkeyUrl(), ns);
        TestNamespaces.purge(TestServers.valkeyUrl(), ns + "-naive");
      }
    }
  }

  private static long number(String s) {
    return Long.parseLong(s.replace(",", ""));
  }
}
