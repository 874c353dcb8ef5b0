package parley.protocol;

import com.ibm.icu.text.Normalizer2;

/**
 * Finds {@code [HH:MM:SS]} in user text and turns its brackets round, {@code (HH:MM:SS)}, so that no part of
 * a relayed message can start like a line the server writes. A character counts as a bracket, a colon or a
 * digit if NFKC makes it one: {@code ［１２：００：００］} and mathematical digits are caught as well.
 */
final class Clocks {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    /** A bracketed clock; {@code 9} stands for any digit. */
    private static final String SHAPE = "[99:99:99]";

    private Clocks() {
    }

    static String defuse(String text) {
        if (!hasOpeningBracket(text)) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        boolean changed = false;
        for (int i = 0; i + SHAPE.length() <= cps.length; i++) {
            if (isClockAt(cps, i)) {
                cps[i] = '(';
                cps[i + SHAPE.length() - 1] = ')';
                changed = true;
            }
        }
        return changed ? new String(cps, 0, cps.length) : text;
    }

    /** Whether anything in {@code text} is a {@code [} after NFKC: a loop, as every line said is asked this. */
    private static boolean hasOpeningBracket(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (shape(cp) == '[') {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static boolean isClockAt(int[] cps, int start) {
        for (int k = 0; k < SHAPE.length(); k++) {
            int wanted = SHAPE.charAt(k);
            int shape = shape(cps[start + k]);
            if (wanted == '9' ? shape < '0' || shape > '9' : shape != wanted) {
                return false;
            }
        }
        return true;
    }

    /** The one ASCII character NFKC turns {@code cp} into, or {@code cp} itself. */
    private static int shape(int cp) {
        if (cp < 0x80) {
            return cp;
        }
        String decomposed = NFKC.getDecomposition(cp);
        boolean ascii = decomposed != null && decomposed.length() == 1 && decomposed.charAt(0) < 0x80;
        return ascii ? decomposed.charAt(0) : cp;
    }
}
