package io.writebehind;

import java.util.Optional;

/**
 * What a read found.
 *
 * @param value the value, empty if the key has none (or was deleted)
 * @param hit whether the cache answered without the loader
 * @param dirty whether the cached value was written and not yet flushed to the database
 *     (read in the same round trip as the value, though not as one snapshot with it)
 */
public record CacheRead<V>(Optional<V> value, boolean hit, boolean dirty) {}
