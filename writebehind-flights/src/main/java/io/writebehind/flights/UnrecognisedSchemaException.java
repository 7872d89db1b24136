package io.writebehind.flights;

import java.util.List;

/** The database lacks tables or columns of FlughafenDB that writebehind reads or writes: nothing was changed. */
public final class UnrecognisedSchemaException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> missing;
  private final boolean noTables;

  UnrecognisedSchemaException(List<String> missing, boolean noTables) {
    super("not a FlughafenDB schema writebehind recognises: missing " + String.join(", ", missing));
    this.missing = List.copyOf(missing);
    this.noTables = noTables;
  }

  /** Whether none of the flights tables is there (an empty database, or the wrong one). */
  public boolean noTables() {
    return noTables;
  }

  /** What is missing, as "table airline" or "column flight.arrival". */
  public List<String> missing() {
    return missing;
  }
}
