package io.writebehind.admin;

/**
 * A worker as its last heartbeat described it.
 *
 * @param id the worker's id (host, pid and a random part)
 * @param alive whether its heartbeat is recent enough
 * @param lastHeartbeatAgeMillis how long ago it last beat
 * @param partitions how many partitions it held
 * @param flushed writes it has flushed since it started
 * @param lastError the last error it met, or null
 * @param databaseUnavailable whether it has stopped sending batches to a database that
 *     keeps failing (its circuit breaker is open; it probes the database now and then)
 */
public record WorkerInfo(
    String id, boolean alive, long lastHeartbeatAgeMillis, int partitions, long flushed, String lastError,
    boolean databaseUnavailable) {}
