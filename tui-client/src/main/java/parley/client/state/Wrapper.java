package parley.client.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps one entry to a pane width: words move whole to the next row when they can, text without spaces (CJK)
 * breaks between any two characters, and continuation rows are indented under the start of the text, so the
 * time and nick column stays clear.
 */
final class Wrapper {

    private record Cell(String grapheme, int width, Style style, int colour) {
        boolean isSpace() {
            return grapheme.equals(" ");
        }
    }

    private Wrapper() {
    }

    static List<Row> wrap(LogEntry entry, int width) {
        List<Cell> cells = new ArrayList<>();
        if (!entry.clock().isEmpty()) {
            add(cells, entry.clock() + " ", entry.history() ? Style.HISTORY_TIME : Style.TIME, -1);
        }
        if (!entry.prefix().isEmpty()) {
            add(cells, entry.prefix() + " ", prefixStyle(entry), entry.own() ? -1 : NickColours.of(entry.nick()));
        }
        int bodyStart = cells.size();
        add(cells, entry.body(), bodyStyle(entry), -1);
        return layout(cells, bodyStart, indentFor(entry, width), Math.max(1, width));
    }

    private static int indentFor(LogEntry entry, int width) {
        int head = Graphemes.columns(entry.clock()) + (entry.clock().isEmpty() ? 0 : 1)
                + Graphemes.columns(entry.prefix()) + (entry.prefix().isEmpty() ? 0 : 1);
        if (head <= width / 2) {
            return head;
        }
        // Long nicks in a narrow pane: indent under the time only, or not at all.
        int timeOnly = entry.clock().isEmpty() ? 0 : Graphemes.columns(entry.clock()) + 1;
        return timeOnly <= width / 2 ? timeOnly : 0;
    }

    private static List<Row> layout(List<Cell> cells, int bodyStart, int indent, int width) {
        List<Row> rows = new ArrayList<>();
        List<Cell> row = new ArrayList<>();
        int col = 0;
        int minBreak = bodyStart;   // a break may only happen after a space in the text, not in the time or nick
        int breakAfter = -1;
        for (Cell cell : cells) {
            boolean rowHasText = row.size() > (rows.isEmpty() ? 0 : indent);
            if (col + cell.width() > width && rowHasText) {
                List<Cell> carried = List.of();
                if (cell.isSpace()) {
                    breakAfter = -1;    // the space itself is the break; it is dropped
                } else if (breakAfter >= 0) {
                    carried = new ArrayList<>(row.subList(breakAfter + 1, row.size()));
                    row = new ArrayList<>(row.subList(0, breakAfter));
                }
                rows.add(toRow(row));
                row = indentCells(indent);
                row.addAll(carried);
                col = indent + columns(carried);
                minBreak = indent;
                breakAfter = -1;
                if (cell.isSpace()) {
                    continue;
                }
            }
            row.add(cell);
            col += cell.width();
            if (cell.isSpace() && row.size() - 1 >= minBreak) {
                breakAfter = row.size() - 1;
            }
        }
        rows.add(toRow(row));
        return rows;
    }

    private static List<Cell> indentCells(int indent) {
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < indent; i++) {
            out.add(new Cell(" ", 1, Style.TEXT, -1));
        }
        return out;
    }

    private static int columns(List<Cell> cells) {
        return cells.stream().mapToInt(Cell::width).sum();
    }

    private static Row toRow(List<Cell> cells) {
        List<Span> spans = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Cell runStart = null;
        for (Cell c : cells) {
            if (runStart != null && (runStart.style() != c.style() || runStart.colour() != c.colour())) {
                spans.add(new Span(text.toString(), runStart.style(), runStart.colour()));
                text.setLength(0);
                runStart = null;
            }
            if (runStart == null) {
                runStart = c;
            }
            text.append(c.grapheme());
        }
        if (runStart != null) {
            spans.add(new Span(text.toString(), runStart.style(), runStart.colour()));
        }
        return new Row(spans);
    }

    private static void add(List<Cell> cells, String text, Style style, int colour) {
        for (String g : Graphemes.split(text)) {
            cells.add(new Cell(g, Graphemes.width(g), style, style == Style.NICK ? colour : -1));
        }
    }

    private static Style prefixStyle(LogEntry e) {
        return switch (e.kind()) {
            case MESSAGE, ACTION, PRIVATE -> e.own() ? Style.OWN_NICK : Style.NICK;
            case SYSTEM -> Style.SYSTEM;
            case ERROR -> Style.ERROR;
            case NOTE -> Style.NOTE;
            case DIVIDER -> Style.DIVIDER;
        };
    }

    private static Style bodyStyle(LogEntry e) {
        return switch (e.kind()) {
            case MESSAGE, ACTION, PRIVATE -> e.own() ? Style.OWN_TEXT : e.mention() ? Style.MENTION : Style.TEXT;
            case SYSTEM -> Style.SYSTEM;
            case ERROR -> Style.ERROR;
            case NOTE -> Style.NOTE;
            case DIVIDER -> Style.DIVIDER;
        };
    }
}
