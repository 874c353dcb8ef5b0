package parley.bench.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole report as JSON (with jackson-jr): the machine and command, the median rows, and every single
 * run, each with its latency curve.
 *
 * <pre>
 * {"machine": {...}, "command": "...", "rows": [{"target": "selector", ..., "curve": [[50.0, 0.31], ...]}],
 *  "runs": [...]}
 * </pre>
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    public static void write(Path file, Map<String, Object> header, List<Result> rows, List<Result> runs)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>(header);
        root.put("rows", rows.stream().map(JsonWriter::object).toList());
        root.put("runs", runs.stream().map(JsonWriter::object).toList());
        JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).write(root, file.toFile());
    }

    /** null for NaN (JSON has none), a whole number without ".0" (counts), else the double. */
    static Object number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    static Map<String, Object> object(Result r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("repeat", r.repeat());
        for (Columns.Column c : Columns.ALL) {
            Object v = c.value().apply(r);
            o.put(c.key(), v instanceof Double d ? number(d) : v);
        }
        List<List<Double>> curve = new ArrayList<>();
        r.curve().forEach(p -> curve.add(List.of(p.percentile(), p.millis())));
        o.put("curve_percentile_ms", curve);
        return o;
    }
}
