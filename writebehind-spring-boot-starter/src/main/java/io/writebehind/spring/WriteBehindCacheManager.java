package io.writebehind.spring;

import java.util.Collection;
import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;

/**
 * The write-behind caches of {@code writebehind.caches}, for {@code @Cacheable},
 * {@code @CachePut} and {@code @CacheEvict}. The set is fixed: a name not configured is
 * not a cache (Spring then says "Cannot find cache named ..."). Read with
 * {@code @Cacheable(sync = true)}: a miss then fills the cache without a write, and a write
 * that lands meanwhile wins; without {@code sync} Spring stores the method's result with
 * {@code put}, a write that would go back to the database.
 */
public class WriteBehindCacheManager extends AbstractCacheManager {
  private final WriteBehindEngines engines;

  public WriteBehindCacheManager(WriteBehindEngines engines) {
    this.engines = engines;
  }

  @Override
  protected Collection<? extends Cache> loadCaches() {
    return engines.caches().values();
  }
}
