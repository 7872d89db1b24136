package io.writebehind.flights;

/**
 * The database holds FlughafenDB tables that no migration of ours created (the original
 * workshop's, say), or its history records a migration that failed on them: migrating would
 * fail or fail again. {@link FlightsAdoption#adopt} takes such a database over.
 */
public final class AdoptionNeededException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final FlightsAdoption.State state;

  AdoptionNeededException(FlightsAdoption.State state, String message) {
    super(message);
    this.state = state;
  }

  /** {@link FlightsAdoption.State#UNMANAGED} or {@link FlightsAdoption.State#FAILED_MIGRATION}. */
  public FlightsAdoption.State state() {
    return state;
  }
}
