package io.writebehind.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * One line per acknowledged write, {@code flight_id,version,departure,arrival} (or
 * {@code flight_id,delta,total} for an increment, {@code event_id,flight_id} for an appended
 * event), written only after the write returned:
 * what a checker compares the database with.
 */
final class AckLog implements AutoCloseable {
  private final BufferedWriter out;

  AckLog(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.badInput("cannot write the ack log " + file + ": " + reason(e));
    }
  }

  /** The file system's reason in words: its exceptions' messages are often the path alone. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " is not a directory";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "it cannot be created there";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  synchronized void acknowledged(long flightId, long version, LocalDateTime departure, LocalDateTime arrival) {
    try {
      out.write(flightId + "," + version + "," + departure + "," + arrival + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void incremented(long flightId, long delta, long total) {
    try {
      out.write(flightId + "," + delta + "," + total + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void appended(long eventId, long flightId) {
    try {
      out.write(eventId + "," + flightId + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
