package io.writebehind.bench.report;

import io.writebehind.bench.Bench;
import io.writebehind.bench.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts: write latency by percentile, throughput by writers, the window over time. */
public final class Charts {
  private Charts() {}

  public static List<Path> write(Path dir, Bench.Report report) throws IOException {
    // charts render off-screen; a server has no display
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    out.add(save(latency(report), dir.resolve("write-latency-percentiles.png")));
    out.add(save(throughput(report), dir.resolve("write-throughput-by-writers.png")));
    out.add(save(window(report), dir.resolve("inconsistency-window-over-time.png")));
    return out;
  }

  private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
    String base = file.toString().replaceFirst("\\.png$", "");
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    return file;
  }

  /**
   * x is the number of nines of the percentile (0 = p0, 1 = p90, 2 = p99, 3 = p99.9), so the
   * tail gets the room it deserves; y is microseconds on a log scale.
   */
  static XYChart latency(Bench.Report report) {
    XYChart chart = new XYChartBuilder().width(1000).height(600).title("Write latency by percentile (1 writer)")
        .xAxisTitle("percentile (nines: 1 = p90, 2 = p99, 3 = p99.9)").yAxisTitle("latency (us)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setMarkerSize(0);
    for (Figures f : report.systems()) {
      Histogram h = f.writeLatencyNanos;
      if (h == null || h.getTotalCount() == 0) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (HistogramIterationValue v : h.percentiles(5)) {
        double p = v.getPercentileLevelIteratedTo();
        if (p >= 100.0) {
          break;
        }
        x.add(-Math.log10(1 - p / 100.0));
        y.add(Math.max(1, v.getValueIteratedTo() / 1e3));
      }
      if (!x.isEmpty()) {
        XYSeries s = chart.addSeries(f.name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(SystemColours.of(f.name));
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no data", List.of(0.0), List.of(1.0));
    }
    return chart;
  }

  static CategoryChart throughput(Bench.Report report) {
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(600).title("Acknowledged writes per second by writer threads")
        .xAxisTitle("writer threads").yAxisTitle("writes/s").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<String> writers = List.of("1", "8", "64");
    for (Figures f : report.systems()) {
      List<Double> y = new ArrayList<>();
      for (String w : writers) {
        Double v = f.throughputByWriters.get(Integer.parseInt(w));
        y.add(v == null ? 0.0 : v);
      }
      if (!f.throughputByWriters.isEmpty()) {
        chart.addSeries(f.name, writers, y).setFillColor(SystemColours.of(f.name));
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no data", writers, List.of(0.0, 0.0, 0.0));
    }
    return chart;
  }

  static XYChart window(Bench.Report report) {
    XYChart chart = new XYChartBuilder().width(1000).height(600)
        .title("Inconsistency window over time (acknowledged -> in the database), at half drain rate")
        .xAxisTitle("seconds since the load started").yAxisTitle("window (ms)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (Figures f : report.systems()) {
      if (f.windowOverTime.isEmpty()) {
        continue;
      }
      // a few thousand points per system are plenty to show the shape
      int step = Math.max(1, f.windowOverTime.size() / 3000);
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < f.windowOverTime.size(); i += step) {
        double[] p = f.windowOverTime.get(i);
        x.add(p[0]);
        y.add(Math.max(0.01, p[1]));
      }
      XYSeries s = chart.addSeries(
          String.format(Locale.ROOT, "%s (p99 %.1f ms)", f.name, f.windowP99Ms == null ? Double.NaN : f.windowP99Ms), x, y);
      s.setMarkerColor(SystemColours.of(f.name));
      s.setLineColor(SystemColours.of(f.name));
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no data", List.of(0.0), List.of(1.0));
    }
    return chart;
  }
}
