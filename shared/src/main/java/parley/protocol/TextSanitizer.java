package parley.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Removes everything from user text that could act on another person's terminal, hide in it, or pass for
 * a line of the server's own.
 *
 * <p>In three steps, each on the result of the one before:
 * <ol>
 *   <li>Dropped: C0 and C1 control characters, DEL, whole ANSI/VT escape sequences (CSI, OSC, DCS and the
 *       two-character escapes, so no stray {@code [31m} is left behind), the line and paragraph separators
 *       U+2028/U+2029, and every default-ignorable code point (bidi marks, embeddings, overrides and isolates,
 *       zero-width spaces, Hangul fillers, tag characters, ...) except where {@link Invisibles} says text
 *       needs one. A TAB becomes a space.</li>
 *   <li>A run of blanks (any Unicode space, or the Braille blank) becomes its first blank: nobody can pad a
 *       message with invisible columns until the terminal wraps it where they want.</li>
 *   <li>A clock in square brackets, {@code [14:02:07]} (its digits, colons and brackets judged after NFKC, so
 *       fullwidth and mathematical forms too), gets round brackets, {@code (14:02:07)}. Every line the server
 *       writes in text mode starts with {@code [HH:MM:SS]}; a message padded with visible characters can still
 *       wrap anywhere on a terminal of any width, but what lands at column 0 can never start like a real line.</li>
 * </ol>
 * Everything else (any script, emoji, combining marks) is kept as it is; text with nothing to remove is
 * returned as the same instance.
 */
public final class TextSanitizer {

    private static final int ESC = 0x1B;
    private static final int BEL = 0x07;
    private static final int C1_CSI = 0x9B;
    private static final int C1_ST = 0x9C;
    private static final int BRAILLE_BLANK = 0x2800;

    private TextSanitizer() {
    }

    public static String clean(String text) {
        return Clocks.defuse(collapseBlanks(removeControlsAndInvisibles(text)));
    }

    /** Whether {@code cp} shows as empty space: a run of these is what padding is made of. */
    static boolean isBlank(int cp) {
        return cp == ' ' || cp == BRAILLE_BLANK || (cp > 0x7F && UCharacter.isUWhiteSpace(cp));
    }

    private static String removeControlsAndInvisibles(String text) {
        if (!needsRemoval(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == ESC) {
                i = skipEscape(text, i + 1);
            } else if (cp == C1_CSI) {
                i = skipCsi(text, i + 1);
            } else if (cp >= 0x90 && cp <= 0x9F && cp != C1_ST && isStringIntroducer(cp)) {
                i = skipString(text, i + 1);
            } else {
                int end = Invisibles.flagEnd(text, i);
                if (end > i) {
                    out.append(text, i, end);
                    i = end;
                    continue;
                }
                if (cp == '\t') {
                    out.append(' ');
                } else if (!isControl(cp) && (!Invisibles.isInvisible(cp) || Invisibles.isNeeded(cp, out, text, i))) {
                    out.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
        }
        String clean = out.toString();
        return clean.equals(text) ? text : clean; // an emoji ZWJ sequence, say, had nothing to remove
    }

    private static boolean needsRemoval(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isControl(cp) || Invisibles.isInvisible(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static String collapseBlanks(String text) {
        int at = firstRepeatedBlank(text);
        if (at < 0) {
            return text; // the common case: nothing to collapse, nothing copied
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, at);
        boolean afterBlank = true; // the character before at is a blank
        for (int i = at; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean blank = isBlank(cp);
            if (!(blank && afterBlank)) {
                out.appendCodePoint(cp);
            }
            afterBlank = blank;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The index of the first blank that follows a blank, or -1: where collapsing starts. */
    private static int firstRepeatedBlank(String text) {
        boolean afterBlank = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean blank = isBlank(cp);
            if (blank && afterBlank) {
                return i;
            }
            afterBlank = blank;
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    }

    /** DCS, SOS, OSC, PM and APC carry a string that runs to ST or BEL. */
    private static boolean isStringIntroducer(int c1) {
        return c1 == 0x90 || c1 == 0x98 || c1 == 0x9D || c1 == 0x9E || c1 == 0x9F;
    }

    /** {@code i} points just after ESC; returns the index after the whole sequence. */
    private static int skipEscape(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        char next = s.charAt(i);
        if (next == '[') {
            return skipCsi(s, i + 1);
        }
        if (next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_') {
            return skipString(s, i + 1);
        }
        // Intermediate bytes, then one final byte (e.g. ESC ( B, ESC c).
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) {
            i++;
        }
        return i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7E ? i + 1 : i;
    }

    /** Parameters 0x30-0x3F, intermediates 0x20-0x2F, then one final byte 0x40-0x7E. */
    private static int skipCsi(String s, int i) {
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3F) {
            i++;
        }
        return i < s.length() && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7E ? i + 1 : i;
    }

    /** Skips to just after BEL, ESC \ or C1 ST; an unterminated string swallows the rest. */
    private static int skipString(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == BEL || c == C1_ST) {
                return i + 1;
            }
            if (c == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                return i + 2;
            }
            i++;
        }
        return i;
    }
}
