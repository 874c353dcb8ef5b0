package parley.client.state;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Extended grapheme clusters (UAX #29) as Java's regex {@code \X} finds them: on Java 17 it keeps a flag, a
     * skin-toned hand or a ZWJ family together, where {@code BreakIterator} (before Java 20) splits them.
     */
    private static final Pattern CLUSTER = Pattern.compile("\\X");

    /** Splits {@code text} into graphemes: a surrogate pair, a base with its marks, a flag or an emoji sequence. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>(text.length());
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The index (in chars) of the grapheme boundary before {@code index}, or 0. */
    public static int previousBoundary(String text, int index) {
        int before = 0;
        Matcher m = CLUSTER.matcher(text);
        while (m.find() && m.end() < index) {
            before = m.end();
        }
        return index <= 0 ? 0 : before;
    }

    /** The index (in chars) of the grapheme boundary after {@code index}, or the text's length. */
    public static int nextBoundary(String text, int index) {
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            if (m.end() > index) {
                return m.end();
            }
        }
        return text.length();
    }

    /** Columns a whole string takes. */
    public static int columns(String text) {
        int total = 0;
        for (String g : split(text)) {
            total += width(g);
        }
        return total;
    }

    /**
     * Columns one grapheme takes, as terminals draw it: 2 when its first code point is East Asian Wide or Fullwidth
     * (CJK, Hangul, fullwidth forms, and emoji such as ☕ or 🙂), or when it asks for emoji presentation; else 1.
     */
    public static int width(String grapheme) {
        if (grapheme.isEmpty()) {
            return 0;
        }
        // An emoji presentation selector turns e.g. a heart into a two-column emoji.
        if (grapheme.indexOf('\uFE0F') >= 0) {
            return 2;
        }
        // A flag is a pair of regional indicators, which terminals draw as one two-column emoji.
        if (grapheme.codePointCount(0, grapheme.length()) == 2 && isRegionalIndicator(grapheme.codePointAt(0))) {
            return 2;
        }
        return isWide(grapheme.codePointAt(0)) ? 2 : 1;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Whether {@code cp} is East_Asian_Width W or F (see {@link #WIDE}). */
    static boolean isWide(int cp) {
        int lo = 0;
        int hi = WIDE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < WIDE[2 * mid]) {
                hi = mid - 1;
            } else if (cp > WIDE[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The code points whose East_Asian_Width is W (wide) or F (fullwidth) in Unicode 14.0.0 (UAX #11,
     * EastAsianWidth.txt), as first, last pairs in order; plus the unassigned code points that file says default to
     * W (in the CJK ideograph blocks and planes 2 and 3). Terminals draw these two columns wide (glibc's wcwidth and
     * the terminals' own tables follow the same data). Java has no API for the property; the table was generated
     * with Python 3.11's unicodedata (Unicode 14.0.0):
     * {@code [c for c in range(0x110000) if category(chr(c)) != 'Cn' and east_asian_width(chr(c)) in 'WF']},
     * merged into runs (Python reports unassigned code points as F, hence the category test).
     *
     * <p>Pictographs whose default presentation is text (🌡 U+1F321, 🕊 U+1F54A) are N, one column, as terminals draw
     * them bare; followed by U+FE0F they are emoji and two ({@link #width}).
     */
    static final int[] WIDE = {
            // Hangul Jamo leading consonants
            0x1100, 0x115F,
            // watch, hourglass, angle brackets, media and alarm symbols
            0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
            // medium small squares
            0x25FD, 0x25FE,
            // umbrella, hot beverage, zodiac, wheelchair, anchor, high voltage, balls, snowman, no entry, tent
            0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1, 0x26AA, 0x26AB,
            0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3,
            0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD,
            // check mark, raised fist and hand, sparkles, cross marks, question and exclamation marks, loops
            0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
            0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
            // large squares, star, circle
            0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
            // CJK radicals, Kangxi, CJK symbols and punctuation, kana, Bopomofo, Hangul compatibility, strokes
            0x2E80, 0x2E99, 0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x2FFB, 0x3000, 0x303E, 0x3041, 0x3096,
            0x3099, 0x30FF, 0x3105, 0x312F, 0x3131, 0x318E, 0x3190, 0x31E3, 0x31F0, 0x321E, 0x3220, 0x3247,
            // enclosed CJK, CJK compatibility, extension A, unified ideographs, Yi
            0x3250, 0x4DBF, 0x4E00, 0xA48C, 0xA490, 0xA4C6,
            // Hangul Jamo extended-A, Hangul syllables
            0xA960, 0xA97C, 0xAC00, 0xD7A3,
            // CJK compatibility ideographs, vertical and small forms, fullwidth forms
            0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60,
            0xFFE0, 0xFFE6,
            // Tangut, Khitan, Nushu, kana supplements
            0x16FE0, 0x16FE4, 0x16FF0, 0x16FF1, 0x17000, 0x187F7, 0x18800, 0x18CD5, 0x18D00, 0x18D08,
            0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B150, 0x1B152,
            0x1B164, 0x1B167, 0x1B170, 0x1B2FB,
            // mahjong, joker, squared letters and ideographs
            0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F202,
            0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265,
            // emoji: pictographs, emoticons, transport, geometric, supplemental and extended-A
            0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
            0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
            0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
            0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
            0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DD, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC,
            0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
            0x1FA70, 0x1FA74, 0x1FA78, 0x1FA7C, 0x1FA80, 0x1FA86, 0x1FA90, 0x1FAAC, 0x1FAB0, 0x1FABA,
            0x1FAC0, 0x1FAC5, 0x1FAD0, 0x1FAD9, 0x1FAE0, 0x1FAE7, 0x1FAF0, 0x1FAF6,
            // CJK extensions B and later, planes 2 and 3
            0x20000, 0x2FFFD, 0x30000, 0x3FFFD
    };
}
