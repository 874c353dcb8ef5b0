package parley.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import parley.bench.measure.LatencyRecorder.CurvePoint;

/**
 * The chart, drawn by XChart into one PNG, headless:
 *
 * <pre>
 *  +-------------------------------------+  +----------------------------------+
 *  | latency by percentile (log ms)      |  | deliveries/s by target           |
 *  | one curve per target and scenario   |  | (saturate; else every scenario)  |
 *  | (fanout, slow dashed); x in nines:  |  |                                  |
 *  | 50% 90% 99% 99.9% 99.99% ...        |  |                                  |
 *  +-------------------------------------+  +----------------------------------+
 * </pre>
 */
public final class ChartWriter {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final List<String> LATENCY_SCENARIOS = List.of("fanout", "slow");

    private ChartWriter() {
    }

    /** Writes {@code file} (PNG) from the median rows. */
    public static void write(Path file, List<Result> rows) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Chart<?, ?>> charts = new ArrayList<>();
        charts.add(latency(rows));
        charts.add(throughput(rows));
        String name = file.toString();
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(charts, 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart latency(List<Result> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency by percentile, from the intended send time (fanout; slow dashed)")
                .xAxisTitle("percentile").yAxisTitle("latency, ms (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartWriter::nines);
        boolean any = false;
        for (String scenario : LATENCY_SCENARIOS) {
            for (Result r : rows) {
                if (!r.scenario().equals(scenario) || r.curve().isEmpty()) {
                    continue;
                }
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (CurvePoint p : r.curve()) {
                    if (p.percentile() >= 50 && p.percentile() < 100 && p.millis() > 0) {
                        x.add(-Math.log10(1 - p.percentile() / 100));
                        y.add(p.millis());
                    }
                }
                if (!x.isEmpty()) {
                    var series = chart.addSeries(r.target() + " " + scenario, x, y);
                    if (scenario.equals("slow")) {
                        series.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                                java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
                    }
                    any = true;
                }
            }
        }
        if (!any) {
            chart.addSeries("no latency measured", new double[] {0.3, 1}, new double[] {1, 1});
        }
        return chart;
    }

    /** x = -log10(1 - p): 0.3 is 50 %, 1 is 90 %, 2 is 99 %, 3 is 99.9 %. */
    static String nines(double x) {
        double p = 100 * (1 - Math.pow(10, -x));
        if (p < 0) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.4f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /** Saturation throughput per target (fixed-rate scenarios deliver what is offered: only shown alone). */
    private static CategoryChart throughput(List<Result> rows) {
        boolean saturate = rows.stream().anyMatch(r -> r.scenario().equals("saturate")
                && !Double.isNaN(r.deliveriesPerSec()));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(saturate ? "Saturation: deliveries per second" : "Deliveries per second")
                .xAxisTitle("target").yAxisTitle("deliveries/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        Set<String> targets = new LinkedHashSet<>();
        Set<String> scenarios = new LinkedHashSet<>();
        for (Result r : rows) {
            if (!Double.isNaN(r.deliveriesPerSec()) && (!saturate || r.scenario().equals("saturate"))) {
                targets.add(r.target());
                scenarios.add(r.scenario());
            }
        }
        if (targets.isEmpty()) {
            chart.addSeries("no throughput measured", List.of("-"), List.of(0));
            return chart;
        }
        for (String scenario : scenarios) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (String target : targets) {
                x.add(target);
                y.add(rows.stream().filter(r -> r.target().equals(target) && r.scenario().equals(scenario))
                        .mapToDouble(Result::deliveriesPerSec).filter(d -> !Double.isNaN(d)).findFirst().orElse(0));
            }
            chart.addSeries(scenario, x, y);
        }
        return chart;
    }
}
