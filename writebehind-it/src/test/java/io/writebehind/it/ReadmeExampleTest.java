package io.writebehind.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using the library" is the code of {@code examples/orders}, which CI builds and
 * runs: every region of the example's sources between {@code tag::NAME[]} and
 * {@code end::NAME[]} comments stands in that section verbatim (less the region's common
 * indentation), and every code block of the section is made of such regions only. Change the
 * example, then copy the region into the README.
 */
class ReadmeExampleTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXAMPLE = ROOT.resolve("examples/orders");
  private static final String SECTION = "## Using the library";
  private static final Pattern TAG = Pattern.compile("(?://|<!--)\\s*(tag|end)::([A-Za-z0-9_-]+)\\[\\]");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```\\s*$");

  private record Region(Path file, String name, String text) {
    String where() {
      return ROOT.relativize(file) + " region '" + name + "'";
    }
  }

  @Test
  void everyTaggedRegionOfTheExampleStandsInTheReadme() {
    String section = usingTheLibrary();
    List<Region> regions = regions();
    for (String file : List.of("pom.xml", "Order.java", "OrderCodec.java", "OrderBinder.java", "OrdersExample.java")) {
      assertThat(regions).as("tagged regions in %s", file).anyMatch(r -> r.file().getFileName().toString().equals(file));
    }
    for (Region r : regions) {
      if (!section.contains(r.text())) {
        fail(r.where() + " is not in the README's \"" + SECTION + "\" as it is in the source; first line that differs:\n"
            + firstLineMissing(r.text(), section) + "\n--- the region:\n" + r.text());
      }
    }
  }

  @Test
  void theSectionShowsNoCodeThatIsNotTheExamples() {
    String section = usingTheLibrary();
    List<Region> regions = new ArrayList<>(regions());
    regions.sort(Comparator.comparingInt((Region r) -> r.text().length()).reversed());
    Matcher m = FENCE.matcher(section);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      String rest = m.group(2);
      for (Region r : regions) {
        rest = rest.replace(r.text(), "");
      }
      assertThat(rest.strip())
          .as("code in the README's \"%s\" (a ```%s block) that no tagged region of examples/orders holds",
              SECTION, m.group(1))
          .isEmpty();
    }
    assertThat(blocks).as("code blocks in the README's \"%s\"", SECTION).isPositive();
  }

  @Test
  void theExampleUsesOnlyThePublicApi() {
    for (Path f : exampleSources()) {
      assertThat(read(f)).as("%s uses only the public API", ROOT.relativize(f)).doesNotContain("io.writebehind.internal");
    }
  }

  private static String usingTheLibrary() {
    String readme = read(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("the README has a \"%s\" section", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The regions of the example's pom and main sources, in file order. */
  private static List<Region> regions() {
    List<Path> files = new ArrayList<>();
    files.add(EXAMPLE.resolve("pom.xml"));
    files.addAll(exampleSources());
    List<Region> regions = new ArrayList<>();
    for (Path f : files) {
      Map<String, List<String>> open = new LinkedHashMap<>();
      List<String> seen = new ArrayList<>();
      String current = null;
      List<String> lines = read(f).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        Matcher m = TAG.matcher(line);
        if (!m.find()) {
          if (current != null) {
            open.get(current).add(line);
          }
          continue;
        }
        String where = ROOT.relativize(f) + ":" + (i + 1);
        String name = m.group(2);
        if (m.group(1).equals("tag")) {
          assertThat(current).as("%s: tag::%s[] inside region '%s' (regions do not nest)", where, name, current).isNull();
          assertThat(seen).as("%s: a second region '%s'", where, name).doesNotContain(name);
          seen.add(name);
          current = name;
          open.put(name, new ArrayList<>());
        } else {
          assertThat(name).as("%s: end::%s[] closes region '%s'", where, name, current).isEqualTo(current);
          String text = dedent(open.get(name));
          assertThat(text).as("%s: region '%s' is empty", where, name).isNotBlank();
          regions.add(new Region(f, name, text));
          current = null;
        }
      }
      assertThat(current).as("%s: region '%s' is never closed", ROOT.relativize(f), current).isNull();
    }
    return regions;
  }

  private static List<Path> exampleSources() {
    Path main = EXAMPLE.resolve("src/main/java");
    assertThat(main).as("the example's sources").isDirectory();
    try (Stream<Path> files = Files.walk(main)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines less their common leading whitespace, joined by newlines. */
  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(l.isBlank() ? "" : l.substring(indent).stripTrailing());
    }
    return b.toString();
  }

  private static String firstLineMissing(String region, String section) {
    StringBuilder prefix = new StringBuilder();
    for (String line : region.split("\n", -1)) {
      String next = prefix.length() == 0 ? line : prefix + "\n" + line;
      if (!section.contains(next)) {
        return line;
      }
      prefix.setLength(0);
      prefix.append(next);
    }
    return "(every line is there, not in this order)";
  }

  private static String read(Path f) {
    try {
      return Files.readString(f).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
