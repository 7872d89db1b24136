package io.writebehind.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.support.NullValue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring's Cache contract on a write-behind cache: the behaviours Spring's own
 * AbstractCacheTests and AbstractValueAdaptingCacheTests check (they are not published), on
 * real Valkey, plus retrieve (Framework 6.1+) and the write-behind departures (evict deletes,
 * clear refused).
 */
class CacheContractIT extends StarterTestBase {
  @Autowired WriteBehindCacheManager manager;
  @Autowired JdbcTemplate jdbc;

  private WriteBehindCache cache() {
    return (WriteBehindCache) manager.getCache("kv");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void nameAndNativeCache() {
    assertThat(cache().getName()).isEqualTo("kv");
    assertThat(cache().getNativeCache().options().namespace()).isEqualTo("sp-" + TestDatabase.RUN + "-kv");
    assertThat(manager.getCache("no-such-cache")).isNull();
  }

  @Test
  void cachePut() {
    Cache cache = cache();
    String key = key();
    assertThat(cache.get(key)).isNull();
    assertThat(cache.get(key, String.class)).isNull();
    assertThat(cache.get(key, Object.class)).isNull();

    cache.put(key, "george");
    assertThat(cache.get(key).get()).isEqualTo("george");
    assertThat(cache.get(key, String.class)).isEqualTo("george");
    assertThat(cache.get(key, Object.class)).isEqualTo("george");
    assertThat(cache.get(key, (Class<?>) null)).isEqualTo("george");

    cache.put(key, null);
    assertThat(cache.get(key)).isNotNull();
    assertThat(cache.get(key).get()).isNull();
    assertThat(cache.get(key, String.class)).isNull();

    cache.put(key, BeanUtils.instantiateClass(NullValue.class));
    assertThat(cache.get(key)).isNotNull();
    assertThat(cache.get(key).get()).isNull();
  }

  @Test
  void cachePutReachesTheDatabaseAndANullDeletesTheRow() {
    Cache cache = cache();
    String key = key();
    cache.put(key, "george");
    cache().getNativeCache().flush(Duration.ofSeconds(10));
    assertThat(jdbc.queryForObject("SELECT payload FROM kv WHERE id = ?", String.class, key)).isEqualTo("\"george\"");
    cache.put(key, null);
    cache().getNativeCache().flush(Duration.ofSeconds(10));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM kv WHERE id = ?", Long.class, key)).isZero();
    assertThat(cache.get(key).get()).isNull(); // still a cached null
  }

  @Test
  void putNullWhenNullsAreNotAllowedFails() {
    Cache cache = manager.getCache("kv-no-null");
    String key = key();
    assertThatIllegalArgumentException().isThrownBy(() -> cache.put(key, null))
        .withMessageContaining("Cache 'kv-no-null' is configured to not allow null values but null was provided");
  }

  @Test
  void cachePutIfAbsent() {
    Cache cache = cache();
    String key = key();
    assertThat(cache.get(key)).isNull();
    assertThat(cache.putIfAbsent(key, "initialValue")).isNull();
    assertThat(cache.get(key).get()).isEqualTo("initialValue");
    assertThat(cache.putIfAbsent(key, "anotherValue").get()).isEqualTo("initialValue");
    assertThat(cache.get(key).get()).isEqualTo("initialValue");
  }

  @Test
  void putIfAbsentNullValue() {
    Cache cache = cache();
    String key = key();
    assertThat(cache.putIfAbsent(key, null)).isNull();
    assertThat(cache.get(key).get()).isNull();
    Cache.ValueWrapper w = cache.putIfAbsent(key, "anotherValue");
    assertThat(w).isNotNull();
    assertThat(w.get()).isNull();
    assertThat(cache.get(key).get()).isNull();
  }

  @Test
  void evictAndEvictIfPresentAreSeenAtOnce() {
    Cache cache = cache();
    String key = key();
    cache.put(key, "george");
    cache.evict(key);
    assertThat(cache.get(key)).isNull();
    assertThat(cache.evictIfPresent(key)).isFalse();
    cache.put(key, "aurel");
    assertThat(cache.evictIfPresent(key)).isTrue();
    assertThat(cache.get(key)).isNull();
  }

  @Test
  void clearAndInvalidateAreRefused() {
    Cache cache = cache();
    String key = key();
    cache.put(key, "george");
    assertThatThrownBy(cache::clear).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("cannot be cleared");
    assertThatThrownBy(cache::invalidate).isInstanceOf(UnsupportedOperationException.class);
    assertThat(cache.get(key).get()).isEqualTo("george");
  }

  @Test
  void getCallable() {
    for (Object returned : new Object[] {"test", null}) {
      Cache cache = cache();
      String key = key();
      assertThat(cache.get(key)).isNull();
      Object value = cache.get(key, () -> returned);
      assertThat(value).isEqualTo(returned);
      assertThat(cache.get(key).get()).isEqualTo(value);
    }
  }

  @Test
  void getCallableNotInvokedOnAHit() {
    for (Object initial : new Object[] {"existing", null}) {
      Cache cache = cache();
      String key = key();
      cache.put(key, initial);
      Object value = cache.get(key, () -> {
        throw new IllegalStateException("Should not have been invoked");
      });
      assertThat(value).isEqualTo(initial);
    }
  }

  @Test
  void getCallableFailureIsAValueRetrievalException() {
    Cache cache = cache();
    String key = key();
    assertThatThrownBy(() -> cache.get(key, () -> {
      throw new UnsupportedOperationException("Expected exception");
    })).isInstanceOf(Cache.ValueRetrievalException.class).cause().isInstanceOf(UnsupportedOperationException.class);
    assertThat(cache.get(key)).isNull();
  }

  @Test
  void getCallableRunsOneLoaderForConcurrentCallers() throws InterruptedException {
    Cache cache = cache();
    AtomicInteger counter = new AtomicInteger();
    List<Object> results = new CopyOnWriteArrayList<>();
    CountDownLatch latch = new CountDownLatch(10);
    String key = key();
    Runnable run = () -> {
      try {
        Integer value = cache.get(key, () -> {
          Thread.sleep(50); // the threads overlap
          return counter.incrementAndGet();
        });
        results.add(value);
      } finally {
        latch.countDown();
      }
    };
    for (int i = 0; i < 10; i++) {
      new Thread(run).start();
    }
    latch.await();
    assertThat(results).hasSize(10).allMatch(r -> r.equals(1));
  }

  @Test
  void retrieve() throws Exception {
    Cache cache = cache();
    String key = key();
    assertThat(cache.retrieve(key).get()).isNull(); // a late-determined miss
    cache.put(key, "george");
    assertThat(((Cache.ValueWrapper) cache.retrieve(key).get()).get()).isEqualTo("george");
    cache.put(key, null);
    Cache.ValueWrapper w = (Cache.ValueWrapper) cache.retrieve(key).get();
    assertThat(w).isNotNull();
    assertThat(w.get()).isNull();
    // without nulls, the plain value
    Cache noNull = manager.getCache("kv-no-null");
    noNull.put(key, "aurel");
    assertThat(noNull.retrieve(key).get()).isEqualTo("aurel");
  }

  @Test
  void retrieveWithLoader() throws Exception {
    Cache cache = cache();
    String key = key();
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.retrieve(key, () -> {
      loads.incrementAndGet();
      return CompletableFuture.completedFuture("loaded");
    }).get()).isEqualTo("loaded");
    assertThat(cache.retrieve(key, () -> {
      loads.incrementAndGet();
      return CompletableFuture.completedFuture("again");
    }).get()).isEqualTo("loaded");
    assertThat(loads).hasValue(1);
    String other = key();
    assertThat(cache.retrieve(other, () -> CompletableFuture.completedFuture((String) null)).get()).isNull();
    assertThat(cache.get(other).get()).isNull();
  }

  @Test
  void keysConvertToTheKeyType() {
    Cache flights = manager.getCache("flights");
    long id = System.nanoTime();
    java.time.Instant t = java.time.Instant.parse("2025-01-01T00:00:00Z");
    flights.put(id, new Flight(t, t));
    assertThat(flights.get(Long.toString(id), Flight.class)).isEqualTo(new Flight(t, t));
    assertThatIllegalArgumentException().isThrownBy(() -> flights.get("not-a-number"))
        .withMessageContaining("takes keys of type Long");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> flights.get(new org.springframework.cache.interceptor.SimpleKey(1, 2)))
        .withMessageContaining("give the annotation a key");
    assertThatIllegalArgumentException().isThrownBy(() -> flights.put(id, "a string"))
        .withMessageContaining("holds io.writebehind.spring.Flight");
  }
}
