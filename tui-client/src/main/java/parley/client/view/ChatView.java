package parley.client.view;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.Screen;
import java.util.Arrays;
import java.util.List;
import parley.client.state.ClientState;
import parley.client.state.Graphemes;
import parley.client.state.InputLine;
import parley.client.state.Row;
import parley.client.state.Span;
import parley.client.state.StatusLine;
import parley.client.state.Window;

/**
 * The only code that draws. Reads the state and paints the whole screen into Lanterna's back buffer; Lanterna
 * then sends the terminal only the cells that differ from what it shows (a delta refresh). When the pane's rows
 * moved up (a message arrived while following), the view tells the screen so first, and the terminal scrolls
 * its own region instead of being sent every row again.
 *
 * <pre>
 *  row 0 .. n-3   message pane   (bottom-aligned; its last row is the paste question while one is open, else the
 *                                 "N new below" marker while scrolled up) | nick list (a room's window on a
 *                                 terminal of 80 columns or more, F3 toggles)
 *  row n-2        status bar
 *  row n-1        input line     (prompt, the visible window of the line, the cursor)
 * </pre>
 */
public final class ChatView {

    private static final String PROMPT = "> ";
    /** The nick list's columns, right of its rule: a nick of 13 columns, a space either side. */
    static final int NICK_LIST_WIDTH = 15;

    private final Cells cells;
    /** The pane's rows as last drawn, top to bottom (null: blank), to see whether they moved up since. */
    private Row[] lastPane = new Row[0];

    /** {@code astral}: whether the terminal can draw characters beyond the BMP (see {@link Glyphs}). */
    public ChatView(boolean astral) {
        this.cells = new Cells(astral);
    }

    /**
     * Where things go for a terminal size.
     *
     * @param columns  the width of every row
     * @param paneRows rows for messages (may be 0 on a tiny terminal)
     */
    public record Layout(int columns, int paneRows, int statusRow, int inputRow) {

        public static Layout of(TerminalSize size) {
            int rows = Math.max(1, size.getRows());
            int pane = Math.max(0, rows - 2);
            return new Layout(Math.max(1, size.getColumns()), pane, rows >= 2 ? rows - 2 : -1, rows - 1);
        }
    }

    /** Paints everything; the caller refreshes the screen. */
    public void draw(Screen screen, ClientState state, Layout layout) {
        // Not screen.clear(): on a TerminalScreen that forces the next refresh to repaint everything.
        for (int row = 0; row < layout.inputRow() + 1; row++) {
            fillRow(screen, row, layout.columns(), Palette.PLAIN);
        }
        drawPane(screen, state, layout);
        drawNickList(screen, state, layout);
        if (layout.statusRow() >= 0) {
            fillRow(screen, layout.statusRow(), layout.columns(), Palette.STATUS);
            String status = " " + StatusLine.of(state);
            write(screen, 0, layout.statusRow(), status, Palette.STATUS, layout.columns());
            for (StatusLine.Activity a : StatusLine.activity(state)) {
                int at = status.indexOf(" " + a.text()) + 1;    // each entry starts with its own window number
                if (a.highlight() && at > 0) {
                    write(screen, Graphemes.columns(status.substring(0, at)), layout.statusRow(), a.text(),
                            Palette.HIGHLIGHT, layout.columns());
                }
            }
        }
        drawInput(screen, state, layout);
    }

    /** The columns the message pane gets: all of them, less the nick list's when it is shown. */
    public int paneColumns(ClientState state, Layout layout) {
        return nickListShown(state, layout) ? layout.columns() - NICK_LIST_WIDTH - 1 : layout.columns();
    }

    private static boolean nickListShown(ClientState state, Layout layout) {
        return state.showsNickList() && state.window().kind() == Window.Kind.ROOM
                && layout.columns() >= ClientState.NICK_LIST_MIN_COLUMNS && layout.paneRows() > 0;
    }

    /** The room's people, right of the pane behind a rule; those that do not fit are counted on the last row. */
    private void drawNickList(Screen screen, ClientState state, Layout layout) {
        if (!nickListShown(state, layout)) {
            return;
        }
        int x = paneColumns(state, layout);
        List<String> nicks = List.copyOf(state.window().members().nicks());
        int rows = layout.paneRows();
        int fit = nicks.size() <= rows ? nicks.size() : rows - 1;
        for (int r = 0; r < rows; r++) {
            for (int col = x; col < layout.columns(); col++) {
                screen.setCharacter(col, r, cells.of(col == x ? "\u2502" : " ", 1, Palette.RULE));
            }
            if (r < fit) {
                String nick = nicks.get(r);
                write(screen, x + 2, r, nick, state.nick().equals(nick) ? Palette.PROMPT : Palette.PLAIN,
                        layout.columns());
            } else if (r == fit && fit < nicks.size()) {
                write(screen, x + 2, r, "+" + (nicks.size() - fit) + " more", Palette.RULE, layout.columns());
            }
        }
    }

    private void drawPane(Screen screen, ClientState state, Layout layout) {
        if (layout.paneRows() == 0) {
            return;
        }
        List<Row> rows = state.scroll().visibleRows();
        boolean question = !state.pendingPaste().isEmpty();
        boolean marker = !state.scroll().following();
        int contentRows = question || marker ? layout.paneRows() - 1 : layout.paneRows();
        // The newest rows sit at the bottom, next to the input; few rows leave blank ones above them.
        int skip = Math.max(0, rows.size() - contentRows);
        int top = Math.max(0, contentRows - rows.size());
        Row[] pane = new Row[Math.max(0, contentRows)];
        for (int i = skip; i < rows.size(); i++) {
            pane[top + i - skip] = rows.get(i);
        }
        int moved = movedUp(lastPane, pane);
        if (moved > 0) {
            screen.scrollLines(0, contentRows - 1, moved);
        }
        lastPane = pane;
        for (int r = 0; r < pane.length; r++) {
            int col = 0;
            for (Span span : pane[r] == null ? List.<Span>of() : pane[r].spans()) {
                col = write(screen, col, r, span.text(), Palette.of(span), layout.columns());
            }
        }
        int last = layout.paneRows() - 1;
        if (question) {
            int n = state.pendingPaste().size();
            fillRow(screen, last, layout.columns(), Palette.QUESTION);
            write(screen, 0, last, "Send " + n + " pasted lines? Enter sends, Esc discards (typing goes on below)",
                    Palette.QUESTION, layout.columns());
        } else if (marker) {
            fillRow(screen, last, layout.columns(), Palette.MARKER);
            write(screen, 0, last, StatusLine.marker(state.scroll()), Palette.MARKER, layout.columns());
        }
    }

    /**
     * By how many rows {@code before} moved up to become {@code after} (the smallest such shift), or 0 when it
     * did not: different heights, nothing changed, or something other than a scroll.
     */
    static int movedUp(Row[] before, Row[] after) {
        if (before.length != after.length || Arrays.equals(before, after)) {
            return 0;
        }
        int n = after.length;
        for (int k = 1; k < n; k++) {
            if (before[k] != null
                    && Arrays.equals(before, k, n, after, 0, n - k)) {
                return k;
            }
        }
        return 0;
    }

    private void drawInput(Screen screen, ClientState state, Layout layout) {
        int row = layout.inputRow();
        int promptEnd = write(screen, 0, row, PROMPT, Palette.PROMPT, layout.columns());
        InputLine.Window window = state.input().window(layout.columns() - promptEnd);
        write(screen, promptEnd + window.padding(), row, window.text(), Palette.PLAIN, layout.columns());
        screen.setCursorPosition(new TerminalPosition(
                Math.min(promptEnd + window.cursorColumn(), layout.columns() - 1), row));
    }

    /** Writes {@code text} from {@code col}, clipped at {@code limit}; returns the column after it. */
    private int write(Screen screen, int col, int row, String text, Look look, int limit) {
        for (String g : Graphemes.split(text)) {
            int w = Graphemes.width(g);
            if (col + w > limit) {
                break;
            }
            screen.setCharacter(col, row, cells.of(g, w, look));
            col += w;     // never write into the second column of a wide character: that would erase it
        }
        return col;
    }

    private void fillRow(Screen screen, int row, int columns, Look look) {
        TextCharacter blank = cells.of(" ", 1, look);
        for (int col = 0; col < columns; col++) {
            screen.setCharacter(col, row, blank);
        }
    }
}
