package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prose wrapped at 80 columns, continuation lines under the text. */
class ConsoleTest {
  private static List<String> printed(Style style, java.util.function.Consumer<Console> what) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    what.accept(new Console(new PrintStream(b, true, StandardCharsets.UTF_8), style, false));
    return b.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aLineThatFitsStaysAsItIs() {
    String line = "X Cache Status: CACHE_MISS   Latency: 4.635 ms (cache lookup + database query)";
    assertThat(printed(Style.plain(), c -> c.println(line))).containsExactly(line);
  }

  @Test
  void wrapsUnderTheMarkKeepingRunsOfSpaces() {
    List<String> lines = printed(Style.plain(), c -> c.println(
        "X Cache Status: CACHE_MISS   Latency: 4.635 ms (cache lookup + database query + cache fill)"));
    assertThat(lines).containsExactly(
        "X Cache Status: CACHE_MISS   Latency: 4.635 ms (cache lookup + database query +",
        "  cache fill)");
  }

  @Test
  void bulletsParenthesesAndVerboseLinesHangUnderTheirText() {
    String words = "word ".repeat(30).strip();
    assertThat(printed(Style.plain(), c -> c.bullet(words))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80))
        .element(1).asString().startsWith("    word");
    assertThat(printed(Style.plain(), c -> c.println("(" + words + ")"))).element(1).asString().startsWith(" word");
    assertThat(printed(Style.plain(), c -> c.verbose("sql:   ", words))).element(1).asString().startsWith("            word");
  }

  @Test
  void aLineWithAUrlIsNotWrapped() {
    String line = "  Valkey redis://127.0.0.1:6380, database jdbc:postgresql://127.0.0.1:5432/test?user=postgres (local)";
    assertThat(printed(Style.plain(), c -> c.println(line))).containsExactly(line);
  }

  @Test
  void aColourOpenAtABreakIsClosedAndOpenedAgain() {
    Style color = new Style(true, true);
    List<String> lines = printed(color, c -> c.println(color.ok() + " " + color.green("word ".repeat(20).strip())));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("word\u001B[0m");
    assertThat(lines.get(1)).startsWith("  \u001B[32mword");
    assertThat(lines).allSatisfy(l -> assertThat(Style.width(l)).isLessThanOrEqualTo(80));
  }
}
