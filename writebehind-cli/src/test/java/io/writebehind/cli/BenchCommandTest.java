package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code bench} keeps the connection flags and hands every other argument to writebehind-bench.jar, in order. */
class BenchCommandTest {
  @Test
  void benchmarkOptionsArePassedOnInOrder() {
    CommandLine cli = new CommandLine(new Main());
    ParseResult parsed = cli.parseArgs("bench", "--quick", "--json", "docs/bench/full.json",
        "--valkey-url", "redis://127.0.0.1:6380", "--charts=docs/bench", "--systems", "floor,writebehind");
    BenchCommand bench = (BenchCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(bench.connection.valkeyUrl).isEqualTo("redis://127.0.0.1:6380");
    assertThat(bench.benchArgs).containsExactly(
        "--quick", "--json", "docs/bench/full.json", "--charts=docs/bench", "--systems", "floor,writebehind");
    assertThat(bench.help).isFalse();
  }

  @Test
  void helpIsOurs() {
    CommandLine cli = new CommandLine(new Main());
    BenchCommand bench = (BenchCommand) cli.parseArgs("bench", "--help").subcommand().commandSpec().userObject();
    assertThat(bench.help).isTrue();
    assertThat(bench.benchArgs).isEqualTo(List.of());
  }
}
