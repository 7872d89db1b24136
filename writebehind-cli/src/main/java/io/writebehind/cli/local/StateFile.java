package io.writebehind.cli.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A server's {@code state.properties}: what the next command needs to find it again (port,
 * version, binaries). Written to a temporary file and moved, so a reader never sees half.
 */
final class StateFile {
  private StateFile() {}

  static Properties read(Path dir) throws IOException {
    Properties p = new Properties();
    Path f = dir.resolve("state.properties");
    if (Files.exists(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  static void write(Path dir, Properties p) throws IOException {
    Path tmp = dir.resolve("state.properties.tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "writebehind local server state");
    }
    Files.move(tmp, dir.resolve("state.properties"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** The number under {@code key}, or -1 when it is missing or not a number. */
  static int intProp(Properties p, String key) {
    try {
      return Integer.parseInt(p.getProperty(key, "-1").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
