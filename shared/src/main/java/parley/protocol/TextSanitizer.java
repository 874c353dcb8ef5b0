package parley.protocol;

/**
 * Removes everything from user text that could act on another person's terminal.
 *
 * <p>Dropped: C0 and C1 control characters, DEL, whole ANSI/VT escape sequences (CSI, OSC, DCS and the
 * two-character escapes, so no stray {@code [31m} is left behind), and the bidirectional embedding, override
 * and isolate characters that can make text read differently from what was sent. A TAB becomes a space.
 * Everything else (any script, emoji, combining marks) is kept as it is.
 */
public final class TextSanitizer {

    private static final int ESC = 0x1B;
    private static final int BEL = 0x07;
    private static final int C1_CSI = 0x9B;
    private static final int C1_ST = 0x9C;

    private TextSanitizer() {
    }

    public static String clean(String text) {
        if (isAlreadyClean(text)) {
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
                if (cp == '\t') {
                    out.append(' ');
                } else if (!isDropped(cp)) {
                    out.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    private static boolean isAlreadyClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDropped(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || isBidiControl(cp);
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
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
