package parley.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The columns of the table and the CSV: a header, a machine name, and how to show a {@link Result}'s figure. */
final class Columns {

    /** One column. */
    record Column(String header, String key, Function<Result, Object> value, Format format) {
    }

    /** How a figure is shown in the table (the CSV always gets the plain number). */
    enum Format { TEXT, COUNT, MILLIS, ONE_DECIMAL }

    static final List<Column> ALL = List.of(
            new Column("target", "target", Result::target, Format.TEXT),
            new Column("scenario", "scenario", Result::scenario, Format.TEXT),
            new Column("msgs in/s", "messages_per_sec", Result::messagesPerSec, Format.COUNT),
            new Column("deliveries/s", "deliveries_per_sec", Result::deliveriesPerSec, Format.COUNT),
            new Column("p50 ms", "p50_ms", Result::p50Ms, Format.MILLIS),
            new Column("p99 ms", "p99_ms", Result::p99Ms, Format.MILLIS),
            new Column("p99.9 ms", "p999_ms", Result::p999Ms, Format.MILLIS),
            new Column("max ms", "max_ms", Result::maxMs, Format.MILLIS),
            new Column("lost", "lost", Result::lost, Format.COUNT),
            new Column("reordered", "reordered", Result::reordered, Format.COUNT),
            new Column("srv CPU s", "server_cpu_seconds", Result::serverCpuSeconds, Format.ONE_DECIMAL),
            new Column("peak RSS MiB", "peak_rss_mib", Result::peakRssMiB, Format.COUNT),
            new Column("threads", "threads", Result::threads, Format.COUNT),
            new Column("gen CPU s", "loadgen_cpu_seconds", Result::loadGenCpuSeconds, Format.ONE_DECIMAL),
            new Column("others CPU s", "other_cpu_seconds", Result::otherCpuSeconds, Format.ONE_DECIMAL),
            new Column("conns", "connections", Result::connections, Format.COUNT),
            new Column("KiB/conn", "rss_per_connection_kib", Result::rssPerConnectionKiB, Format.ONE_DECIMAL),
            new Column("heap KiB/conn", "heap_per_connection_kib", Result::heapPerConnectionKiB, Format.ONE_DECIMAL),
            new Column("notes", "notes", Result::notes, Format.TEXT));

    private Columns() {
    }

    static String show(Column c, Result r) {
        Object v = c.value().apply(r);
        if (!(v instanceof Double d)) {
            return String.valueOf(v);
        }
        if (d.isNaN()) {
            return "-";
        }
        return switch (c.format()) {
            case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(d));
            case MILLIS -> d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
            case ONE_DECIMAL -> String.format(Locale.ROOT, "%.1f", d);
            case TEXT -> String.valueOf(d);
        };
    }
}
