package parley.client.view;

import com.googlecode.lanterna.TextCharacter;
import java.text.Normalizer;
import parley.client.state.Graphemes;

/**
 * Writes graphemes into the screen buffer so that Lanterna's idea of a character's width matches the state's
 * ({@link Graphemes#width}), which every layout decision used.
 *
 * <p>Lanterna guesses widths itself (any multi-char grapheme counts as two columns, for instance, so a decomposed
 * "é" would; a lone ☕ counts as one); if the two disagreed, everything to the right on that row would be drawn
 * off by a column on a real terminal. Where they disagree we draw something of the right width: a wide BMP
 * character followed by the emoji presentation selector (no width of its own, but two chars, which Lanterna
 * counts as two columns), the composed form of a narrow one, else the base letter, else a fullwidth or plain
 * question mark.
 */
final class Glyphs {

    /** U+FE0F VARIATION SELECTOR-16: "draw the character before me as an emoji". */
    private static final String EMOJI_PRESENTATION = "\uFE0F";

    private Glyphs() {
    }

    static TextCharacter cell(String grapheme, int width, Look look) {
        return cell(grapheme, width, look, true);
    }

    /**
     * {@code astral}: whether the terminal can output characters beyond the BMP. Lanterna 3.1.5's own stream
     * terminals encode a string one UTF-16 unit at a time, so an emoji would reach the terminal as "??"; for them
     * a stand-in of the same width is drawn instead (the text itself is sent to the server intact). The client's
     * real terminal, {@code tui.WholeCharacterTerminal}, sends emoji whole on UTF-8 terminals.
     *
     * <p>Of a cluster of several code points with one beyond the BMP (a skin tone, a ZWJ family) only the first
     * code point is drawn: terminals disagree on how wide the cluster is (tmux 3.3a draws 👍🏽 four columns
     * wide, others two), and every cell after it on the row would move with that disagreement.
     */
    static TextCharacter cell(String grapheme, int width, Look look, boolean astral) {
        if (grapheme.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            if (!astral) {
                return make(width == 2 ? "\uFF1F" : "?", look);
            }
            return fitted(grapheme.substring(0, Character.charCount(grapheme.codePointAt(0))), width, look);
        }
        return fitted(grapheme, width, look);
    }

    /** {@code grapheme} if Lanterna gives it {@code width} columns, else a stand-in that it does. */
    private static TextCharacter fitted(String grapheme, int width, Look look) {
        TextCharacter c = make(grapheme, look);
        if (c != null && (c.isDoubleWidth() ? 2 : 1) == width) {
            return c;
        }
        if (width == 2) {
            // Lanterna 3.1.5 counts a lone BMP character outside its CJK blocks as one column (☕ U+2615, ✅,
            // Bopomofo), and any cell of more than one char as two, as it does for emoji beyond the BMP. The emoji
            // presentation selector makes the cell two chars without changing what a terminal draws: it has no
            // width of its own, and these characters are two columns wide already.
            TextCharacter selected = make(grapheme + EMOJI_PRESENTATION, look);
            if (selected != null && selected.isDoubleWidth()) {
                return selected;
            }
            return make("\uFF1F", look);
        }
        String composed = Normalizer.normalize(grapheme, Normalizer.Form.NFC);
        for (String candidate : new String[] {composed, composed.substring(0, Character.charCount(
                composed.codePointAt(0)))}) {
            TextCharacter t = make(candidate, look);
            if (t != null && !t.isDoubleWidth()) {
                return t;
            }
        }
        return make("?", look);
    }

    private static TextCharacter make(String grapheme, Look look) {
        try {
            TextCharacter[] cells = TextCharacter.fromString(grapheme, look.foreground(), look.background(),
                    look.attributes());
            return cells.length == 1 ? cells[0] : null;
        } catch (IllegalArgumentException controlCharacter) {
            return null;    // the server sanitizes text, but a stray control character must not crash the UI
        }
    }
}
