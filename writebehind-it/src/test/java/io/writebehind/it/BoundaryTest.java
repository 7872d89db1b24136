package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's boundary: the command, the benchmark and the sinks are built on the public
 * API like any user's code, and the core exports its public packages and nothing else.
 */
class BoundaryTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theToolsAndSinksImportNoInternalPackage() {
    for (String module : List.of("writebehind-cli", "writebehind-bench", "writebehind-flights", "writebehind-jdbc")) {
      Path main = ROOT.resolve(module).resolve("src/main/java");
      assertThat(main).isDirectory();
      try (Stream<Path> files = Files.walk(main)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f ->
            assertThat(read(f)).as("%s uses only the public API", ROOT.relativize(f)).doesNotContain("io.writebehind.internal"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void theCoreExportsEveryPublicPackageAndNoInternalOne() throws IOException {
    Path src = ROOT.resolve("writebehind-core/src/main/java");
    Matcher m = Pattern.compile("exports ([\\w.]+);").matcher(read(src.resolve("module-info.java")));
    List<String> exported = m.results().map(r -> r.group(1)).sorted().toList();
    List<String> packages;
    try (Stream<Path> files = Files.walk(src.resolve("io/writebehind"))) {
      packages = files.filter(f -> f.toString().endsWith(".java"))
          .map(f -> src.relativize(f.getParent()).toString().replace('/', '.')).distinct().sorted().toList();
    }
    assertThat(exported).isEqualTo(packages.stream().filter(p -> !p.contains(".internal")).toList());
    assertThat(packages).anyMatch(p -> p.startsWith("io.writebehind.internal."));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
