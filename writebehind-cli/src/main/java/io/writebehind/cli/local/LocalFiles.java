package io.writebehind.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** File chores of the local servers: logs, pid files, extracted binaries, data folders. */
final class LocalFiles {
  private LocalFiles() {}

  /** Relative to the working folder when under it, so messages stay short. */
  static String display(Path p) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  /** Empty when the file cannot be read: a missing pid file or log just means "not there". */
  static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of a log, to put into an error message. */
  static String tail(Path f) {
    List<String> lines = readLines(f);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  static void makeExecutable(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE));
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      if (!p.toFile().setExecutable(true, false)) {
        throw new IOException("cannot make " + p + " executable", e);
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
