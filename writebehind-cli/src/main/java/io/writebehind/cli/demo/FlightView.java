package io.writebehind.cli.demo;

import io.writebehind.flights.Flight;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** The flight tables of the walkthrough. */
final class FlightView {
  /** ISO with seconds always shown, as the original prints 2025-10-01T11:19:00. */
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  /** The Old/New table of step 3 uses the document's space-separated form. */
  static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private FlightView() {}

  static String iso(LocalDateTime t) {
    return t == null ? "-" : ISO.format(t);
  }

  static String route(Flight f, Style style) {
    return f.fromAirport() + " " + style.arrow() + " " + f.toAirport();
  }

  /** The flight card; with {@code before}, times that differ from it are marked updated. */
  static TextTable card(Flight f, Flight before, Style style) {
    String mark = " " + style.yellow(style.leftArrow() + " Updated");
    boolean depChanged = before != null && !before.departure().equals(f.departure());
    boolean arrChanged = before != null && !before.arrival().equals(f.arrival());
    return new TextTable("Field", "Value")
        .row("Flight ID", Long.toString(f.flightId()))
        .row("Flight No", f.flightno())
        .row("Route", route(f, style))
        .row("Airline", Objects.toString(f.airlinename(), "-"))
        .row("Departure", iso(f.departure()) + (depChanged ? mark : ""))
        .row("Arrival", iso(f.arrival()) + (arrChanged ? mark : ""));
  }

  /** "2025-10-01 11:19:00 -> 13:19:00" when the day stays, both in full otherwise. */
  static String change(LocalDateTime from, LocalDateTime to, Style style) {
    String tail = from.toLocalDate().equals(to.toLocalDate()) ? TIME.format(to) : SPACED.format(to);
    return SPACED.format(from) + " " + style.arrow() + " " + tail;
  }

  static TextTable oldNew(Flight old, Flight changed) {
    return new TextTable("", "Old Time", "New Time")
        .row("Departure", SPACED.format(old.departure()), SPACED.format(changed.departure()))
        .row("Arrival", SPACED.format(old.arrival()), SPACED.format(changed.arrival()));
  }

  static String match(boolean same, Style style) {
    return same ? style.ok() : style.bad();
  }
}
