package io.writebehind.admin;

/**
 * The Valkey commands the engine runs for one key, spelled out: what the demo's verbose mode
 * prints. For people, not for parsing.
 *
 * @param read a cached read (value and dirty state, one round trip)
 * @param fill the cache-aside fill after a miss
 * @param write the write script of a put of the given value
 * @param drainRead how a worker reads the key's journal
 * @param ack the acknowledgement after the database commit
 */
public record CommandTrace(String read, String fill, ScriptCall write, String drainRead, String ack) {}
