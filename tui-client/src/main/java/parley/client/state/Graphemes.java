package parley.client.state;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * User-perceived characters (grapheme clusters) and how many terminal columns each takes.
 *
 * <p>Everything that positions text (wrapping, the input cursor, the status bar) measures with this one
 * function, so the pane, the status bar and the input line always agree. The view makes sure Lanterna draws each
 * grapheme with the same width (see {@code parley.client.view.Glyphs}).
 */
public final class Graphemes {

    private Graphemes() {
    }

    /** Splits {@code text} into graphemes; a surrogate pair or a base with combining marks is one element. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>(text.length());
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(text.substring(start, end));
        }
        return out;
    }

    /** The index (in chars) of the grapheme boundary before {@code index}, or 0. */
    public static int previousBoundary(String text, int index) {
        if (index <= 0) {
            return 0;
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int before = it.preceding(index);
        return before == BreakIterator.DONE ? 0 : before;
    }

    /** The index (in chars) of the grapheme boundary after {@code index}, or the text's length. */
    public static int nextBoundary(String text, int index) {
        if (index >= text.length()) {
            return text.length();
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int after = it.following(index);
        return after == BreakIterator.DONE ? text.length() : after;
    }

    /** Columns a whole string takes. */
    public static int columns(String text) {
        int total = 0;
        for (String g : split(text)) {
            total += width(g);
        }
        return total;
    }

    /** Columns one grapheme takes: 2 for East Asian wide/fullwidth characters and emoji, else 1. */
    public static int width(String grapheme) {
        if (grapheme.isEmpty()) {
            return 0;
        }
        // An emoji presentation selector turns e.g. a heart into a two-column emoji.
        if (grapheme.indexOf('\uFE0F') >= 0) {
            return 2;
        }
        return isWide(grapheme.codePointAt(0)) ? 2 : 1;
    }

    /** East Asian Wide (W) and Fullwidth (F) ranges plus the emoji blocks terminals draw two columns wide. */
    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)        // Hangul Jamo leading consonants
                || (cp >= 0x2E80 && cp <= 0x303E)    // CJK radicals, Kangxi, CJK symbols and punctuation
                || (cp >= 0x3041 && cp <= 0x33FF)    // kana, Bopomofo, Hangul compatibility, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF)    // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)    // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF)    // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3)    // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)    // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)    // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)    // fullwidth forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)    // fullwidth signs
                || (cp >= 0x1F300 && cp <= 0x1F64F)  // symbols and pictographs, emoticons
                || (cp >= 0x1F680 && cp <= 0x1F6FF)  // transport and map
                || (cp >= 0x1F900 && cp <= 0x1F9FF)  // supplemental symbols and pictographs
                || (cp >= 0x1FA70 && cp <= 0x1FAFF)  // symbols and pictographs extended-A
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and beyond
    }
}
