package parley.client.state;

/**
 * The line being typed, with a cursor that only ever stands between whole graphemes: moving or deleting never
 * splits a surrogate pair or separates a letter from its accent.
 *
 * <p>The cursor is a char index into the text, kept on grapheme boundaries. The horizontal scroll offset
 * (in columns) is kept here too, because where the window sits depends on where it sat before.
 */
public final class InputLine {

    /** What part of the line fits in {@code columns}: draw {@code text} starting {@code padding} columns in. */
    public record Window(String text, int padding, int cursorColumn) {
    }

    private String text = "";
    private int cursor;
    private int scroll;
    /** What the last Ctrl-K, Ctrl-U or Ctrl-W removed, for Ctrl-Y. */
    private String killed = "";

    public String text() {
        return text;
    }

    /** The cursor as a char index into {@link #text()}. */
    public int cursor() {
        return cursor;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** Columns from the start of the line to the cursor. */
    public int cursorColumn() {
        return Graphemes.columns(text.substring(0, cursor));
    }

    public void insert(String s) {
        String left = text.substring(0, cursor) + s;
        text = left + text.substring(cursor);
        // Re-find the boundary: a combining mark typed after a letter joins the letter's grapheme.
        cursor = boundaryAtOrAfter(left.length());
    }

    /** Replaces the whole line, cursor at the end (history recall, completion). */
    public void set(String s) {
        text = s;
        cursor = s.length();
    }

    /** Takes the line away for sending, leaving it empty. */
    public String take() {
        String out = text;
        set("");
        scroll = 0;
        return out;
    }

    public void left() {
        cursor = Graphemes.previousBoundary(text, cursor);
    }

    public void right() {
        cursor = Graphemes.nextBoundary(text, cursor);
    }

    public void home() {
        cursor = 0;
    }

    public void end() {
        cursor = text.length();
    }

    /** Deletes the whole grapheme before the cursor. */
    public void backspace() {
        int from = Graphemes.previousBoundary(text, cursor);
        text = text.substring(0, from) + text.substring(cursor);
        cursor = from;
    }

    /** Deletes the whole grapheme under the cursor. */
    public void delete() {
        int to = Graphemes.nextBoundary(text, cursor);
        text = text.substring(0, cursor) + text.substring(to);
    }

    /** Ctrl-K. */
    public void killToEnd() {
        kill(cursor, text.length());
    }

    /** Ctrl-U. */
    public void killToStart() {
        kill(0, cursor);
    }

    /** Ctrl-Y: puts back what the last kill removed, at the cursor. */
    public void yank() {
        insert(killed);
    }

    /** Alt-B, Ctrl-Left: to the start of this word or the one before. */
    public void wordLeft() {
        cursor = wordStartBefore(cursor);
    }

    /** Alt-F, Ctrl-Right: to the end of this word or the next one. */
    public void wordRight() {
        int to = cursor;
        while (to < text.length() && text.charAt(to) == ' ') {
            to++;
        }
        while (to < text.length() && text.charAt(to) != ' ') {
            to++;
        }
        cursor = boundaryAtOrAfter(to);
    }

    /** Ctrl-W: the word before the cursor and the spaces after it. */
    public void deleteWordBefore() {
        kill(wordStartBefore(cursor), cursor);
    }

    private int wordStartBefore(int index) {
        int from = index;
        while (from > 0 && text.charAt(from - 1) == ' ') {
            from--;
        }
        while (from > 0 && text.charAt(from - 1) != ' ') {
            from--;
        }
        return from;
    }

    private void kill(int from, int to) {
        if (from < to) {
            killed = text.substring(from, to);
        }
        text = text.substring(0, from) + text.substring(to);
        cursor = from;
    }

    /** Replaces {@code [from, cursor)} with {@code replacement}; the cursor ends after it (completion). */
    public void replaceBeforeCursor(int from, String replacement) {
        text = text.substring(0, from) + replacement + text.substring(cursor);
        cursor = from + replacement.length();
    }

    /**
     * The part of the line to show in {@code columns}, scrolled so the cursor stays visible. A wide character cut
     * by the left edge is replaced by padding rather than half-drawn.
     */
    public Window window(int columns) {
        int width = Math.max(1, columns);
        int cursorCol = cursorColumn();
        if (cursorCol < scroll) {
            scroll = cursorCol;
        } else if (cursorCol >= scroll + width) {
            scroll = cursorCol - width + 1;
        }
        StringBuilder visible = new StringBuilder();
        int col = 0;
        int padding = 0;
        for (String g : Graphemes.split(text)) {
            int w = Graphemes.width(g);
            if (col < scroll) {
                padding = Math.max(0, col + w - scroll);   // the part of a wide char hanging past the edge
            } else if (col + w <= scroll + width) {
                visible.append(g);
            } else {
                break;
            }
            col += w;
        }
        return new Window(visible.toString(), padding, cursorCol - scroll);
    }

    private int boundaryAtOrAfter(int index) {
        if (index >= text.length()) {
            return text.length();
        }
        int before = Graphemes.previousBoundary(text, index + 1);
        return before == index ? index : Graphemes.nextBoundary(text, index);
    }
}
