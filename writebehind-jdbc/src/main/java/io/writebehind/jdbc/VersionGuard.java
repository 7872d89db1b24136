package io.writebehind.jdbc;

/**
 * The one rule every version guard applies: a write takes effect only over an older stored
 * version, and a stored NULL is older than every write. NULL is what {@code ALTER TABLE t ADD
 * wb_version bigint} leaves in every existing row; a bare {@code stored < incoming} is never
 * true against it, so such rows would keep their old values forever while reporting success.
 *
 * <p>The predicates are standard SQL, the same in every supported dialect; arguments are
 * already-quoted column references or parameter markers, never values.
 */
public final class VersionGuard {
  private VersionGuard() {}

  /** SQL: the stored version is older than the incoming one (or NULL). */
  public static String older(String stored, String incoming) {
    return "(" + stored + " IS NULL OR " + stored + " < " + incoming + ")";
  }

  /** SQL: the stored version is not newer than the incoming one (or NULL). */
  public static String notNewer(String stored, String incoming) {
    return "(" + stored + " IS NULL OR " + stored + " <= " + incoming + ")";
  }

  /** The same rule in Java, for versions read from the database ({@code null} for NULL). */
  public static boolean isOlder(Long stored, long incoming) {
    return stored == null || stored < incoming;
  }
}
