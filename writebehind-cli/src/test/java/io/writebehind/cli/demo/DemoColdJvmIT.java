package io.writebehind.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.writebehind.cli.Main;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user starts it: in a JVM of its own, cold. Its headline write figure is the
 * steady one, and Ctrl-C at a prompt says what the run left, as answering "n" does.
 */
class DemoColdJvmIT {
  private static final Pattern STEP3 = Pattern.compile("Write-behind update completed in ([0-9.]+) ms");
  private static final Pattern MEDIAN = Pattern.compile("median of 5\\)\\s*\\|\\s*([0-9.]+) ms");

  /**
   * One write is one sample: on two shared cores a single scheduling hiccup of a millisecond
   * or two can land on it. A first-call cost (the JIT, a library's first use) lands on it in
   * every run, so three cold runs that all miss mean a cost the warm-up left, where one miss
   * in three is noise.
   */
  @Test
  void stepThreeIsWithinThreeTimesTheSummaryMedian(@TempDir Path dir) throws Exception {
    List<String> misses = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      try (DemoDatabase db = DemoDatabase.postgres()) {
        List<String> args = List.of(DemoIT.demo(db, "--flush"));
        try (ChildJvm demo = ChildJvm.start(Main.class, args, Map.of(), dir.resolve("demo" + run + ".log"))) {
          assertThat(demo.waitFor(Duration.ofSeconds(180))).as(demo.output()).isZero();
          String out = demo.output();
          double step3 = figure(STEP3, out);
          double median = figure(MEDIAN, out);
          if (step3 <= 3 * median) {
            return;
          }
          misses.add(String.format(java.util.Locale.ROOT, "step 3 %.3f ms against the summary's median of five %.3f ms",
              step3, median));
        }
      }
    }
    throw new AssertionError("in three cold runs step 3 was never within 3x of the summary's median: " + misses);
  }

  @Test
  void ctrlCAtAPromptPrintsTheRestoreHint(@TempDir Path dir) throws Exception {
    assumeThat(sigintIgnored()).as("SIGINT is ignored in this process, and so in its children: cannot send Ctrl-C").isFalse();
    try (DemoDatabase db = DemoDatabase.postgres()) {
      List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      cmd.addAll(List.of(DemoIT.demo(db, "-i", "--flush")));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = copy(p.getInputStream(), seen);
        OutputStream stdin = p.getOutputStream();
        // flight id (empty keeps 115), then yes to steps 1-7; Ctrl-C at the question before step 8
        stdin.write(String.join("\n", "", "y", "y", "y", "y", "y", "y", "y", "").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!text(seen).contains("Continue to step 8") && p.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(text(seen)).contains("Continue to step 8");
        Thread.sleep(300); // let it reach the read
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(text(seen)).isTrue();
        reader.join(5000);
        String out = text(seen);
        assertThat(p.exitValue()).as(out).isEqualTo(130);
        String afterPrompt = out.substring(out.lastIndexOf("Continue to step 8"));
        assertThat(afterPrompt).contains("The database was modified: flight 115 stays delayed by 2 hours",
            "To restore the original times run:  writebehind demo --restore -f 115");
      } finally {
        p.destroyForcibly();
      }
      CliRun restore = CliRun.run(DemoIT.demo(db, "--restore"));
      assertThat(restore.exitCode()).as(restore.toString()).isZero();
    }
  }

  private static double figure(Pattern p, String out) {
    Matcher m = p.matcher(out);
    assertThat(m.find()).as(p + " in:%n" + out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static boolean sigintIgnored() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // bit 1 is signal 2, SIGINT
      }
    }
    return false;
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          synchronized (to) {
            to.write(buf, 0, n);
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
    }, "demo-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String text(ByteArrayOutputStream b) {
    synchronized (b) {
      return b.toString(StandardCharsets.UTF_8);
    }
  }
}
