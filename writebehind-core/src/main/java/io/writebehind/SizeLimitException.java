package io.writebehind;

/** A write refused before it reached Valkey: one of its parts is over a configured size limit. Nothing was stored. */
public abstract class SizeLimitException extends WriteBehindException {
  private static final long serialVersionUID = 1L;
  /** The part's encoded size in bytes. */
  private final int size;
  /** The configured limit. */
  private final int limit;

  /** A part of {@code size} bytes refused by a limit of {@code limit}, named in {@code what} and {@code setting}. */
  protected SizeLimitException(String what, int size, int limit, String setting) {
    super(what + " of " + size + " bytes is over the limit of " + limit + " bytes (" + setting + ")");
    this.size = size;
    this.limit = limit;
  }

  /** The part's encoded size in bytes. */
  public int size() {
    return size;
  }

  /** The configured limit. */
  public int limit() {
    return limit;
  }
}
