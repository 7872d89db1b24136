package io.writebehind.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebehind.Codecs;
import io.writebehind.WriteBehind;
import io.writebehind.testkit.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up with bad properties fails with a message naming the property; stopping gives the worker's leases back. */
@ExtendWith(OutputCaptureExtension.class)
class StartupIT {
  private static ConfigurableApplicationContext start(String ns, String... extra) {
    // command-line arguments: they override application.properties, as they would in production
    List<String> props = new ArrayList<>(List.of(
        "writebehind.valkey-url=" + TestServers.valkeyUrl(),
        "spring.datasource.url=" + TestDatabase.url(),
        "writebehind.caches.flights.namespace=" + ns + "-flights",
        "writebehind.caches.kv.namespace=" + ns + "-kv",
        "writebehind.caches.kv-no-null.namespace=" + ns + "-kvn",
        "writebehind.counters.views.namespace=" + ns + "-views"));
    props.addAll(List.of(extra));
    return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
        .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  private static String ns() {
    return "sp-start-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anOutOfRangeValueNamesThePropertyAndTheRange(CapturedOutput out) {
    assertThatThrownBy(() -> start(ns(), "writebehind.partitions=0"))
        .hasMessageContaining("writebehind.partitions: partitions must be between 1 and 16384, was 0");
    assertThat(out).contains("writebehind could not start: writebehind.partitions: partitions must be between 1 and 16384, was 0");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheProperty(CapturedOutput out) {
    assertThatThrownBy(() -> start(ns(), "writebehind.partitions=lots"));
    assertThat(out).contains("Failed to bind properties under 'writebehind.partitions' to int");
  }

  @Test
  void aColumnWithoutAPropertyNamesBoth(CapturedOutput out) {
    assertThatThrownBy(() -> start(ns(), "writebehind.caches.flights.columns=departure,gate"));
    assertThat(out).contains("writebehind.caches.flights.columns: column 'gate' has no property 'gate' in io.writebehind.spring.Flight");
  }

  @Test
  void aMissingTableIsNamed(CapturedOutput out) {
    assertThatThrownBy(() -> start(ns(), "writebehind.caches.kv.table=no_such_table"));
    assertThat(out).contains("writebehind could not start: writebehind.caches.kv.table:").contains("no_such_table");
  }

  @Test
  void stoppingTheContextStopsTheWorkersAndGivesBackTheirLeases() {
    String ns = ns();
    try (ConfigurableApplicationContext ctx = start(ns);
        WriteBehind<String, String> probe = WriteBehind.builder(Codecs.textKeysTextValues())
            .valkeyUrl(TestServers.valkeyUrl()).namespace(ns + "-kv").partitions(4).build()) {
      WriteBehindWorkers workers = ctx.getBean(WriteBehindWorkers.class);
      String id = workers.worker("writebehind.caches.kv").id();
      assertThat(probe.admin().status().workers()).anyMatch(w -> w.id().equals(id) && w.alive());

      ctx.stop(); // the lifecycle alone: the engines stay open
      assertThat(workers.isRunning()).isFalse();
      assertThat(probe.admin().status().workers()).noneMatch(w -> w.id().equals(id));

      ctx.start();
      String again = workers.worker("writebehind.caches.kv").id();
      assertThat(again).isNotEqualTo(id);
      assertThat(probe.admin().status().workers()).anyMatch(w -> w.id().equals(again) && w.alive());
    }
  }
}
