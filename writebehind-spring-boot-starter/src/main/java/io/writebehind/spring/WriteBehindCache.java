package io.writebehind.spring;

import io.writebehind.CacheRead;
import io.writebehind.WriteBehind;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;

/**
 * A Spring {@link org.springframework.cache.Cache} over a write-behind engine. A put is
 * stored in Valkey when it returns and reaches the database later through the worker
 * (Spring's contract allows a deferred put); reads never touch the database, a miss runs the
 * caller's loader. Null values, when allowed, are cached as a marker and delete the row.
 *
 * <p>Departures from a plain cache, because here the cache is the write path:
 * {@link #evict} and {@link #evictIfPresent} delete the key in the database too, and
 * {@link #clear} and {@link #invalidate} are refused: they would drop writes not yet in the
 * database or delete every row.
 */
public class WriteBehindCache extends AbstractValueAdaptingCache {
  private final String name;
  private final WriteBehind<Object, Object> engine;
  private final CacheKeys keys;
  private final Executor executor;
  /** Loaders of one key in this process run one at a time (Spring's sync = true). */
  private final ConcurrentHashMap<Object, ReentrantLock> loading = new ConcurrentHashMap<>();

  WriteBehindCache(String name, WriteBehind<Object, Object> engine, CacheKeys keys, boolean allowNullValues,
      Executor executor) {
    super(allowNullValues);
    this.name = name;
    this.engine = engine;
    this.keys = keys;
    this.executor = executor;
  }

  @Override
  public String getName() {
    return name;
  }

  /** The {@link WriteBehind} engine. */
  @Override
  public WriteBehind<Object, Object> getNativeCache() {
    return engine;
  }

  @Override
  protected Object lookup(Object key) {
    return engine.getIfPresent(keys.normalize(key)).orElse(null);
  }

  @Override
  public void put(Object key, Object value) {
    engine.put(keys.normalize(key), toStoreValue(value));
  }

  /**
   * Stores the value unless one is cached, and returns the one that was. Not atomic against
   * a writer of the same key in another process between the read and the write (the
   * engine's public API has no conditional write); within this process it is.
   */
  @Override
  public ValueWrapper putIfAbsent(Object key, Object value) {
    Object k = keys.normalize(key);
    ReentrantLock lock = loading.computeIfAbsent(k, x -> new ReentrantLock());
    lock.lock();
    try {
      Object existing = lookup(k);
      if (existing != null) {
        return toValueWrapper(existing);
      }
      engine.put(k, toStoreValue(value));
      return null;
    } finally {
      lock.unlock();
      loading.remove(k, lock);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    Object k = keys.normalize(key);
    Object hit = lookup(k);
    if (hit != null) {
      return (T) fromStoreValue(hit);
    }
    ReentrantLock lock = loading.computeIfAbsent(k, x -> new ReentrantLock());
    lock.lock();
    try {
      CacheRead<Object> read = engine.read(k, x -> {
        try {
          return toStoreValue(valueLoader.call());
        } catch (Exception e) {
          throw new ValueRetrievalException(key, valueLoader, e);
        }
      });
      Optional<Object> value = read.value();
      return (T) fromStoreValue(value.orElse(null));
    } finally {
      lock.unlock();
      loading.remove(k, lock);
    }
  }

  /**
   * The cached value, read on the cache's executor: a future of the value (a
   * {@link ValueWrapper} when nulls are allowed), completing with null on a miss.
   */
  @Override
  public CompletableFuture<?> retrieve(Object key) {
    Object k = keys.normalize(key);
    return CompletableFuture.supplyAsync(() -> {
      Object v = lookup(k);
      if (v == null) {
        return null;
      }
      return isAllowNullValues() ? toValueWrapper(v) : fromStoreValue(v);
    }, executor);
  }

  /** The cached value, or the loader's future's value, filled into the cache unless a write came meanwhile. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    Object k = keys.normalize(key);
    return CompletableFuture.supplyAsync(() -> lookup(k), executor).thenCompose(hit -> {
      if (hit != null) {
        return CompletableFuture.completedFuture((T) fromStoreValue(hit));
      }
      return valueLoader.get().thenApplyAsync(loaded -> {
        Object stored = engine.read(k, x -> toStoreValue(loaded)).value().orElse(null);
        return (T) fromStoreValue(stored);
      }, executor);
    });
  }

  /** Deletes the key: gone from the cache now, from the database after the worker's next batch. */
  @Override
  public void evict(Object key) {
    engine.delete(keys.normalize(key));
  }

  /** As {@link #evict}; true if a value was cached just before. */
  @Override
  public boolean evictIfPresent(Object key) {
    Object k = keys.normalize(key);
    boolean present = lookup(k) != null;
    engine.delete(k);
    return present;
  }

  /** Refused: would drop unflushed writes or delete every row; evict keys one by one. */
  @Override
  public void clear() {
    throw new UnsupportedOperationException("write-behind cache '" + name + "' cannot be cleared: that would "
        + "drop writes not yet in the database or delete every row; evict keys one by one");
  }

  /** Refused, as {@link #clear}. */
  @Override
  public boolean invalidate() {
    clear();
    return false;
  }
}
