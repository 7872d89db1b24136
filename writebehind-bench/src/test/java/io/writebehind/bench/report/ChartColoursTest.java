package io.writebehind.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.writebehind.bench.Bench;
import io.writebehind.bench.Figures;
import io.writebehind.bench.SystemNames;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;

/**
 * Every chart draws a system in the same colour, however many systems the chart leaves out
 * (the window chart has no floor): a reader matches a line to a bar by
 * colour. The PNGs land in target/chart-colours to be looked at.
 */
class ChartColoursTest {
  @Test
  void eachSystemHasOneColourAcrossTheCharts() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Bench.Report report = report();
    var latency = rendered(Charts.latency(report));
    var throughput = rendered(Charts.throughput(report));
    var window = rendered(Charts.window(report));
    List<Map<String, Color>> charts = List.of(
        colours(latency.getSeriesMap().values().stream().map(s -> entry(s.getName(), s.getLineColor())).toList()),
        colours(throughput.getSeriesMap().values().stream().map(s -> entry(s.getName(), s.getFillColor())).toList()),
        colours(window.getSeriesMap().values().stream().map(s -> entry(s.getName(), s.getMarkerColor())).toList()));
    Map<String, Color> seen = new HashMap<>();
    for (Map<String, Color> chart : charts) {
      for (var e : chart.entrySet()) {
        Color first = seen.putIfAbsent(e.getKey(), e.getValue());
        assertThat(e.getValue()).as(e.getKey() + " in every chart").isEqualTo(first == null ? e.getValue() : first);
      }
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(SystemNames.ALL);
    assertThat(new HashSet<>(seen.values())).as("one colour per system").hasSize(SystemNames.ALL.size());
    assertThat(charts.get(2)).as("the window chart leaves systems out").hasSizeLessThan(SystemNames.ALL.size())
        .containsKey(SystemNames.WRITEBEHIND);

    Path dir = Path.of("target", "chart-colours");
    for (Path png : Charts.write(dir, report)) {
      assertThat(Files.size(png)).isPositive();
    }
  }

  /** Drawn once, as a PNG would be: the library gives a series without a colour its own then. */
  private static <C extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> C rendered(C chart) {
    BitmapEncoder.getBufferedImage(chart);
    return chart;
  }

  private static Map.Entry<String, Color> entry(String name, Color colour) {
    return new AbstractMap.SimpleEntry<>(name, colour);
  }

  /** Series names are the system's, the window chart's with "(p99 ...)" after it. */
  private static Map<String, Color> colours(List<Map.Entry<String, Color>> series) {
    Map<String, Color> out = new HashMap<>();
    for (var e : series) {
      out.put(e.getKey().replaceFirst(" \\(p99 .*$", ""), e.getValue());
    }
    return out;
  }

  /** The systems as a full run reports them: a window for all but the floor. */
  private static Bench.Report report() {
    List<Figures> systems = new ArrayList<>();
    int i = 0;
    for (String name : SystemNames.ALL) {
      i++;
      Figures f = new Figures(name);
      f.writeLatencyNanos = new Histogram(3);
      for (int k = 1; k <= 2000; k++) {
        f.writeLatencyNanos.recordValue(i * 100_000L + k * 50L * i);
      }
      f.throughputByWriters.put(1, 1000.0 * i);
      f.throughputByWriters.put(8, 5000.0 * i);
      f.throughputByWriters.put(64, 9000.0 * i);
      boolean hasWindow = !name.equals(SystemNames.FLOOR);
      if (hasWindow) {
        for (int k = 0; k < 500; k++) {
          f.windowOverTime.add(new double[] {k / 50.0, i * 2.0 + (k % 17) / 3.0});
        }
        f.windowP99Ms = i * 2.0 + 5;
      }
      systems.add(f);
    }
    return new Bench.Report("test machine", systems);
  }
}
