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

    /** {@code addressColumn}: how wide the address column is (0: hidden); shorter addresses are padded to it. */
    static List<Row> wrap(LogEntry entry, int width, int addressColumn) {
        List<Cell> cells = new ArrayList<>();
        if (!entry.clock().isEmpty()) {
            add(cells, entry.clock() + " ", entry.history() ? Style.HISTORY_TIME : Style.TIME, -1);
            if (addressColumn > 0) {
                // Every timed line gets the column, blank when nobody sent it, so nicks and text stay aligned.
                String address = entry.address();
                int pad = Math.max(0, addressColumn - Graphemes.columns(address));
                add(cells, address + " ".repeat(pad + 1), Style.ADDRESS, -1);
            }
        }
        if (!entry.prefix().isEmpty()) {
            add(cells, entry.prefix() + " ", prefixStyle(entry), entry.own() ? -1 : NickColours.of(entry.nick()));
        }
        int bodyStart = cells.size();
        add(cells, entry.body(), bodyStyle(entry), -1);
        return layout(cells, bodyStart, indentFor(entry, width, columns(cells.subList(0, bodyStart))),
                Math.max(1, width));
    }

    private static int indentFor(LogEntry entry, int width, int head) {
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
        // A break may happen at a space in the text or after the nick, never inside the time or nick; and after
        // any wide (CJK) character, since those scripts break between characters.
        int minBreak = Math.max(0, bodyStart - 1);
        int cutEnd = -1;        // where the row ends if we break at the last opportunity
        int carryFrom = -1;     // where the next row's text starts then
        for (Cell cell : cells) {
            boolean rowHasText = row.size() > (rows.isEmpty() ? 0 : indent);
            if (col + cell.width() > width && rowHasText) {
                List<Cell> carried = List.of();
                boolean wordBreak = !cell.isSpace() && cell.width() == 1 && carryFrom >= 0
                        && indent + columns(row.subList(carryFrom, row.size())) + cell.width() <= width;
                if (wordBreak) {
                    // Move the word down only if it then fits; a word longer than a row (a URL) is cut in place.
                    carried = new ArrayList<>(row.subList(carryFrom, row.size()));
                    row = new ArrayList<>(row.subList(0, cutEnd));
                }
                rows.add(toRow(row));
                row = indentCells(indent);
                row.addAll(carried);
                col = indent + columns(carried);
                minBreak = indent;
                cutEnd = -1;
                carryFrom = -1;
                if (cell.isSpace()) {
                    continue;   // the space at a break is dropped
                }
            }
            row.add(cell);
            col += cell.width();
            int index = row.size() - 1;
            if (index >= minBreak && cell.isSpace()) {
                cutEnd = index;
                carryFrom = index + 1;
            } else if (index >= minBreak && cell.width() == 2) {
                cutEnd = index + 1;
                carryFrom = index + 1;
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
