package parley.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The results as one aligned Markdown table, one row per target and scenario (ready for BENCHMARKS.md). */
public final class TableWriter {

    private TableWriter() {
    }

    public static String render(List<Result> rows) {
        List<Columns.Column> cols = Columns.ALL;
        List<String[]> cells = new ArrayList<>();
        for (Result r : rows) {
            cells.add(cols.stream().map(c -> Columns.show(c, r).replace("|", "/")).toArray(String[]::new));
        }
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).header().length();
            for (String[] row : cells) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, cols.stream().map(Columns.Column::header).toArray(String[]::new), width, cols);
        out.append('|');
        for (int i = 0; i < cols.size(); i++) {
            boolean right = cols.get(i).format() != Columns.Format.TEXT;
            out.append(right ? "-".repeat(width[i] + 1) + ":|" : ":" + "-".repeat(width[i] + 1) + "|");
        }
        out.append('\n');
        for (String[] row : cells) {
            line(out, row, width, cols);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width, List<Columns.Column> cols) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            boolean right = cols.get(i).format() != Columns.Format.TEXT;
            out.append(' ').append(right ? pad + cells[i] : cells[i] + pad).append(" |");
        }
        out.append('\n');
    }
}
