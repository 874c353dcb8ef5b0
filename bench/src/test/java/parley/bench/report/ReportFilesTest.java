package parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.measure.LatencyRecorder;

class ReportFilesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static Result run(String target, String scenario, int repeat, double p99, String notes) {
        LatencyRecorder latency = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            latency.record((long) (i * p99 * 10_000));
        }
        double nan = Double.NaN;
        return new Result(target, scenario, repeat, 1000, 100_000 * repeat, p99 / 4, p99, p99 * 1.2, p99 * 2, 0, 0,
                1.5, 120, 22, 2.5, 0.1, 10, 100, nan, nan, notes, latency.curve());
    }

    private final List<Result> runs = List.of(
            run("selector", "fanout", 1, 2.0, ""), run("selector", "fanout", 2, 1.0, "odd, note"),
            run("selector", "fanout", 3, 3.0, "with \"quotes\""),
            run("threaded", "saturate", 1, 9.0, ""),
            Result.skipped("redis", "fanout", 1, "unavailable: redis-server is not installed"));

    @Test
    void mediansTakeEachFigureOverTheRunsAndKeepSkippedTargetsAsRows() {
        List<Result> rows = Medians.of(runs);
        assertThat(rows).extracting(Result::target).containsExactly("selector", "threaded", "redis");
        Result selector = rows.get(0);
        assertThat(selector.p99Ms()).isEqualTo(2.0);
        assertThat(selector.deliveriesPerSec()).isEqualTo(200_000);
        assertThat(selector.repeat()).isZero();
        assertThat(selector.notes()).startsWith("median of 3 runs");
        assertThat(rows.get(2).isSkipped()).isTrue();
    }

    @Test
    void writesJsonCsvAndAPngChart(@TempDir Path dir) throws Exception {
        List<Result> rows = Medians.of(runs);
        JsonWriter.write(dir.resolve("results.json"), Map.of("command", "parley bench"), rows, runs);
        CsvWriter.write(dir.resolve("results.csv"), rows);
        ChartWriter.write(dir.resolve("chart.png"), rows);

        Map<String, Object> json = JSON.std.mapFrom(Files.readString(dir.resolve("results.json")));
        assertThat(json).containsEntry("command", "parley bench").containsKeys("rows", "runs");
        List<?> jsonRows = (List<?>) json.get("rows");
        assertThat(jsonRows).hasSize(3);
        Map<?, ?> first = (Map<?, ?>) jsonRows.get(0);
        assertThat(first.get("target")).isEqualTo("selector");
        assertThat(((Number) first.get("p99_ms")).doubleValue()).isEqualTo(2.0);
        assertThat(first.get("rss_per_connection_kib")).isNull();
        assertThat((List<?>) first.get("curve_percentile_ms")).isNotEmpty();
        assertThat((List<?>) json.get("runs")).hasSize(5);

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("repeat,target,scenario,messages_per_sec,deliveries_per_sec,p50_ms,p99_ms");
        assertThat(csv.get(1)).startsWith("0,selector,fanout,1000,200000,");
        assertThat(csv.get(3)).contains("redis,fanout,,,");

        byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
        assertThat(png.length).isGreaterThan(1000);
        assertThat(java.util.Arrays.copyOf(png, 8)).isEqualTo(PNG);
    }

    @Test
    void theTableHasAHeaderARuleAndOneLinePerRow() {
        String table = TableWriter.render(Medians.of(runs));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("| target").contains("p99 ms").contains("deliveries/s");
        assertThat(lines.get(1)).matches("\\|[-:|]+");
        assertThat(lines.get(2)).contains("selector").contains("200,000").contains("2.00");
        assertThat(lines.get(4)).contains("redis").contains("skipped: unavailable");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isEqualTo(lines.get(0).length()));
    }

    @Test
    void csvQuotesTextWithCommasAndQuotes() {
        assertThat(CsvWriter.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell(Double.NaN)).isEmpty();
        assertThat(CsvWriter.cell(3.0)).isEqualTo("3");
        assertThat(CsvWriter.cell(2.5)).isEqualTo("2.5");
    }

    @Test
    void theChartsXAxisIsInNines() {
        assertThat(ChartWriter.nines(1)).isEqualTo("90%");
        assertThat(ChartWriter.nines(2)).isEqualTo("99%");
        assertThat(ChartWriter.nines(3)).isEqualTo("99.9%");
    }
}
