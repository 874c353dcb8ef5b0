package parley.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** One CSV line per row (RFC 4180 quoting), plain numbers, empty where a figure does not apply. */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void write(Path file, List<Result> rows) throws IOException {
        StringBuilder out = new StringBuilder("repeat,");
        out.append(Columns.ALL.stream().map(Columns.Column::key).collect(Collectors.joining(","))).append("\r\n");
        for (Result r : rows) {
            out.append(r.repeat());
            for (Columns.Column c : Columns.ALL) {
                out.append(',').append(cell(c.value().apply(r)));
            }
            out.append("\r\n");
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static String cell(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        String s = String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
