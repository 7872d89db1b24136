package io.writebehind.cli.chaos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local TCP ports of the sockets some processes hold, read from Linux's /proc. The
 * database lists each connection with its client port, so this is how the chaos run cuts
 * its own connections (its workers' and its own) and not those of anyone else sharing the
 * database; MariaDB has no application name to filter on.
 */
final class OwnSockets {
  private OwnSockets() {}

  /** Empty when /proc cannot tell (not Linux). */
  static Optional<Set<Integer>> localPorts(Collection<Long> pids) {
    if (!Files.isReadable(Path.of("/proc/net/tcp"))) {
      return Optional.empty();
    }
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException e) {
            // the descriptor closed while we looked
          }
        }
      } catch (IOException e) {
        // the process exited meanwhile: it holds no connections
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && inodes.contains(f[9])) {
            String local = f[1];
            ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
          }
        }
      } catch (IOException | RuntimeException e) {
        // tcp6 may be missing without IPv6
      }
    }
    return Optional.of(ports);
  }
}
