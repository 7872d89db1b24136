package io.writebehind.spring;

import io.writebehind.testkit.TestServers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The test application on the real servers; every class extending it shares one context. */
@SpringBootTest(classes = TestApp.class)
abstract class StarterTestBase {
  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry r) {
    r.add("writebehind.valkey-url", TestServers::valkeyUrl);
    r.add("spring.datasource.url", TestDatabase::url);
    for (String cache : new String[] {"flights", "kv", "kv-no-null"}) {
      r.add("writebehind.caches." + cache + ".namespace", () -> "sp-" + TestDatabase.RUN + "-" + cache);
    }
    r.add("writebehind.counters.views.namespace", () -> "sp-" + TestDatabase.RUN + "-views");
  }
}
