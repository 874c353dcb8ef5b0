package parley.client.view;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import java.util.List;
import parley.client.state.ClientState;
import parley.client.state.Graphemes;
import parley.client.state.InputLine;
import parley.client.state.Row;
import parley.client.state.Span;
import parley.client.state.StatusLine;

/**
 * The only code that draws. Reads the state and paints the whole screen into Lanterna's back buffer; Lanterna
 * then sends the terminal only what changed.
 *
 * <pre>
 *  row 0 .. n-3   message pane   (bottom-aligned; while scrolled up its last row is the "N new below" marker)
 *  row n-2        status bar
 *  row n-1        input line     (prompt, the visible window of the line, the cursor)
 * </pre>
 */
public final class ChatView {

    private static final String PROMPT = "> ";

    private final boolean astral;

    /** {@code astral}: whether the terminal can draw characters beyond the BMP (see {@link Glyphs}). */
    public ChatView(boolean astral) {
        this.astral = astral;
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
        screen.clear();
        drawPane(screen, state, layout);
        if (layout.statusRow() >= 0) {
            fillRow(screen, layout.statusRow(), layout.columns(), Palette.STATUS);
            write(screen, 0, layout.statusRow(), " " + StatusLine.of(state), Palette.STATUS, layout.columns());
        }
        drawInput(screen, state, layout);
    }

    private void drawPane(Screen screen, ClientState state, Layout layout) {
        if (layout.paneRows() == 0) {
            return;
        }
        List<Row> rows = state.scroll().visibleRows();
        boolean marker = !state.scroll().following();
        int contentRows = marker ? layout.paneRows() - 1 : layout.paneRows();
        int top = Math.max(0, contentRows - rows.size());     // few lines sit at the bottom, next to the input
        for (int i = 0; i < rows.size() && top + i < contentRows; i++) {
            int col = 0;
            for (Span span : rows.get(i).spans()) {
                col = write(screen, col, top + i, span.text(), Palette.of(span), layout.columns());
            }
        }
        if (marker) {
            int row = layout.paneRows() - 1;
            fillRow(screen, row, layout.columns(), Palette.MARKER);
            write(screen, 0, row, StatusLine.marker(state.scroll()), Palette.MARKER, layout.columns());
        }
    }

    private void drawInput(Screen screen, ClientState state, Layout layout) {
        int row = layout.inputRow();
        List<String> paste = state.pendingPaste();
        if (!paste.isEmpty()) {
            String question = "Send " + paste.size() + " pasted lines? (y/n) ";
            int end = write(screen, 0, row, question, Palette.QUESTION, layout.columns());
            screen.setCursorPosition(new TerminalPosition(Math.min(end, layout.columns() - 1), row));
            return;
        }
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
            screen.setCharacter(col, row, Glyphs.cell(g, w, look, astral));
            col += w;     // never write into the second column of a wide character: that would erase it
        }
        return col;
    }

    private static void fillRow(Screen screen, int row, int columns, Look look) {
        for (int col = 0; col < columns; col++) {
            screen.setCharacter(col, row, Glyphs.cell(" ", 1, look));
        }
    }
}
