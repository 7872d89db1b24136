package io.writebehind;

/**
 * A leaderboard member and its score.
 *
 * @param member the member
 * @param score its score
 */
public record Score<K>(K member, long score) {}
