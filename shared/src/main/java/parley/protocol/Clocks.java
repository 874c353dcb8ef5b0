package parley.protocol;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;

/**
 * Finds {@code [HH:MM:SS]} in user text and turns its brackets round, {@code (HH:MM:SS)}, so that no part of
 * a relayed message can start like a line the server writes. A character counts as a bracket, a colon or a
 * digit if NFKC makes it one: {@code ［１２：００：００］} and mathematical digits are caught as well.
 */
final class Clocks {

    private static final UnicodeSet OPENING = formsOf("[");
    private static final UnicodeSet CLOSING = formsOf("]");
    private static final UnicodeSet COLONS = formsOf(":");
    private static final UnicodeSet DIGITS = formsOf("0123456789");
    /** {@code [}, two digits, {@code :}, two digits, {@code :}, two digits, {@code ]}. */
    private static final UnicodeSet[] SHAPE = {OPENING, DIGITS, DIGITS, COLONS, DIGITS, DIGITS, COLONS, DIGITS,
        DIGITS, CLOSING};

    private Clocks() {
    }

    static String defuse(String text) {
        if (OPENING.containsNone(text)) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        boolean changed = false;
        for (int i = 0; i + SHAPE.length <= cps.length; i++) {
            if (isClockAt(cps, i)) {
                cps[i] = '(';
                cps[i + SHAPE.length - 1] = ')';
                changed = true;
            }
        }
        return changed ? new String(cps, 0, cps.length) : text;
    }

    private static boolean isClockAt(int[] cps, int start) {
        for (int k = 0; k < SHAPE.length; k++) {
            if (!SHAPE[k].contains(cps[start + k])) {
                return false;
            }
        }
        return true;
    }

    /** The characters in {@code ascii} and every character NFKC turns into one of them. */
    private static UnicodeSet formsOf(String ascii) {
        Normalizer2 nfkc = Normalizer2.getNFKCInstance();
        UnicodeSet forms = new UnicodeSet().addAll(ascii);
        for (String candidate : new UnicodeSet("[:^NFKC_Quick_Check=Yes:]")) {
            String folded = nfkc.normalize(candidate);
            if (folded.length() == 1 && ascii.indexOf(folded.charAt(0)) >= 0) {
                forms.add(candidate);
            }
        }
        return forms.freeze();
    }
}
