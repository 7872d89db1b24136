package io.writebehind.cli.local;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The pg binaries, extracted from zonky's binaries jar (the archive EmbeddedPostgres itself
 * unpacks) once per archive content into a per-user cache under java.io.tmpdir, shared by
 * all homes; the path is remembered in home/postgres/state.properties.
 */
final class PostgresBinaries {
  private PostgresBinaries() {}

  /** The folder holding {@code bin/postgres}, {@code bin/initdb} and {@code bin/pg_ctl}. */
  static Path extract(Path home) throws IOException {
    String known = StateFile.read(LocalPostgres.dir(home)).getProperty("pgHome");
    if (known != null && Files.exists(Path.of(known, ".complete"))) {
      return Path.of(known);
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system = os.contains("mac") || os.contains("darwin") ? "Darwin" : os.contains("linux") ? "Linux" : null;
    if (system == null) {
      throw new IOException("embedded PostgreSQL is supported on Linux and macOS only; set DATABASE_URL");
    }
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    byte[] archive;
    try (InputStream raw = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
      archive = raw.readAllBytes();
    }
    String digest;
    try {
      digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "writebehind-bin-" + System.getProperty("user.name"));
    Path target = cache.resolve("postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + "-" + digest);
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    Files.createDirectories(cache);
    Path tmp = Files.createTempDirectory(cache, "extract");
    untar(archive, tmp);
    Files.createFile(tmp.resolve(".complete"));
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      // another process (other home) extracted the same archive first
      LocalFiles.deleteTree(tmp);
      if (!Files.exists(target.resolve(".complete"))) {
        throw raced;
      }
    }
    return target;
  }

  private static void untar(byte[] archive, Path into) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        Path out = into.resolve(e.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("bad entry in PostgreSQL archive: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          if ((e.getMode() & 0100) != 0) {
            LocalFiles.makeExecutable(out);
          }
        }
      }
    }
  }
}
