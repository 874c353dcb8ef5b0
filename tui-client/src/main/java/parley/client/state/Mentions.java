package parley.client.state;

import java.util.Locale;

/** Whether a line mentions a nick: the nick as a whole word, ignoring case ({@code @alice}, {@code alice:}). */
public final class Mentions {

    private Mentions() {
    }

    public static boolean mentions(String text, String nick) {
        if (nick == null || nick.isEmpty()) {
            return false;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = nick.toLowerCase(Locale.ROOT);
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            if (!isNickChar(haystack, at - 1, true) && !isNickChar(haystack, end, false)) {
                return true;
            }
        }
        return false;
    }

    /** Nick characters are letters, digits, _ and - (see {@code parley.core.Names}). */
    private static boolean isNickChar(String s, int index, boolean before) {
        if (index < 0 || index >= s.length()) {
            return false;
        }
        int cp = before ? s.codePointBefore(index + 1) : s.codePointAt(index);
        return Character.isLetterOrDigit(cp) || cp == '_' || cp == '-';
    }
}
