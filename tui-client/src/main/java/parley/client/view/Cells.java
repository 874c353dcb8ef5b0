package parley.client.view;

import com.googlecode.lanterna.TextCharacter;
import java.util.HashMap;
import java.util.Map;

/**
 * The view's cells, each made once per grapheme and look and then drawn again and again.
 *
 * <p>The view paints the whole screen on every refresh. Made afresh, each of a 100 x 30 screen's cells was a new
 * {@link TextCharacter} with its own string, attribute set and array: some 190 KB a refresh. In a room that
 * talks, that garbage filled the client's small young generation many times a minute, and the cells the screen
 * still held at each collection were promoted, so the old generation, and the client's memory, grew until a
 * full collection (174 MiB after two minutes of 4 lines a second). A cell is immutable, so one made for "e" in
 * plain text serves every "e" in plain text.
 */
final class Cells {

    /** More than a screen of distinct graphemes in a few looks; a screen of ever-new text makes a new set. */
    private static final int MAX = 4_096;

    private record Key(String grapheme, Look look) {
    }

    private final boolean astral;
    private final Map<Key, TextCharacter> made = new HashMap<>();

    /** {@code astral}: whether the terminal can draw characters beyond the BMP (see {@link Glyphs}). */
    Cells(boolean astral) {
        this.astral = astral;
    }

    /** The cell for {@code grapheme}, {@code width} columns wide (its {@code Graphemes.width}), in {@code look}. */
    TextCharacter of(String grapheme, int width, Look look) {
        Key key = new Key(grapheme, look);
        TextCharacter cell = made.get(key);
        if (cell == null) {
            if (made.size() >= MAX) {
                made.clear();
            }
            cell = Glyphs.cell(grapheme, width, look, astral);
            made.put(key, cell);
        }
        return cell;
    }
}
