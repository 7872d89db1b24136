package io.writebehind.admin;

/**
 * A write the worker could not apply, kept with why.
 *
 * @param handle names it for {@link DeadLetters#replay} and {@link DeadLetters#drop}:
 *     {@code <partition>:<id>}
 * @param key the key, as encoded
 * @param version the version of the write that failed
 * @param delete whether it was a delete
 * @param value the encoded value (empty for a delete)
 * @param meta the writer's note, or null
 * @param error what the sink said
 * @param attempts how often it was tried
 * @param deadAtMillis when it was moved here
 */
public record DeadLetter(
    String handle, String key, long version, boolean delete, byte[] value, String meta, String error, int attempts, long deadAtMillis) {}
