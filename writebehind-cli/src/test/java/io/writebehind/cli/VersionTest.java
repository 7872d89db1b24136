package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** -V prints the build's version, on the top-level command and on every subcommand whose help lists it. */
class VersionTest {
  @Test
  void everyCommandPrintsTheBuildsVersion() throws Exception {
    String expected = "writebehind " + pomVersion();
    for (List<String> args : List.of(List.of("-V"), List.of("demo", "-V"), List.of("status", "-V"), List.of("dlq", "list", "-V"))) {
      Captured r = Captured.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(args.toString()).isZero();
      assertThat(r.out().strip()).as(args.toString()).isEqualTo(expected);
    }
  }

  /** The version this module is built at: its parent's, in its pom.xml (the tests run in the module's folder). */
  private static String pomVersion() throws Exception {
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
