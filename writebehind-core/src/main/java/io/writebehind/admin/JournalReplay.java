package io.writebehind.admin;

/**
 * Retained entries of one partition handed back to the workers ({@link Admin#replayJournal}).
 *
 * @param partition the partition
 * @param firstId the first entry handed back: the requested id, or the first retained entry after it
 * @param lastId the last: the partition's committed position when the replay was asked
 * @param entries how many entries that is, counted up to 100,000
 */
public record JournalReplay(int partition, String firstId, String lastId, long entries) {}
