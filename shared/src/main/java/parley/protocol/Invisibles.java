package parley.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.UnicodeSet;
import java.util.List;

/**
 * Which invisible code points {@link TextSanitizer} drops, and the few places where text needs one to be
 * written correctly.
 *
 * <p>Invisible: every Default_Ignorable_Code_Point (as of ICU's Unicode version, whatever the JDK's), and the
 * line and paragraph separators. Kept, because without them words or emoji come out wrong:
 * <ul>
 *   <li>ZWJ U+200D between two emoji ({@code 👨‍👩‍👧}, {@code 🏳️‍🌈}, {@code 👩🏽‍💻}), and ZWJ or ZWNJ U+200C
 *       right after a virama ({@code क्‍ष} in Hindi, {@code ශ්‍රී} in Sinhala): UAX #31 rules A2 and B;</li>
 *   <li>ZWNJ between two letters that would otherwise join ({@code می‌خواهم} in Persian): UAX #31 rule A1;</li>
 *   <li>one variation selector right after the character it selects a form of: VS16 or VS15 after an emoji
 *       ({@code ❤️}, keycaps {@code 1️⃣}), the others after a visible character beyond ASCII (ideographic
 *       variation sequences such as {@code 葛󠄀});</li>
 *   <li>the three emoji tag sequences Unicode recommends (the flags of England, Scotland and Wales). Other
 *       tag characters carry text nobody can see, so they go.</li>
 * </ul>
 * Skin-tone modifiers, regional-indicator flags and the keycap mark are visible characters and are never
 * touched.
 */
final class Invisibles {

    private static final int LINE_SEPARATOR = 0x2028;
    private static final int PARAGRAPH_SEPARATOR = 0x2029;
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int VS15 = 0xFE0E;
    private static final int VS16 = 0xFE0F;
    private static final int VIRAMA_CLASS = 9;
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;
    private static final List<String> TAG_SEQUENCES =
            List.copyOf(new UnicodeSet("[:RGI_Emoji_Tag_Sequence:]").strings());

    private Invisibles() {
    }

    static boolean isInvisible(int cp) {
        return cp == LINE_SEPARATOR || cp == PARAGRAPH_SEPARATOR
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * Whether the invisible {@code cp} at {@code i} in {@code text} is needed, given what has been kept before
     * it ({@code kept}). Decided only from what is kept before and what follows, so that cleaning the result
     * again keeps the same ones.
     */
    static boolean isNeeded(int cp, CharSequence kept, String text, int i) {
        int next = i + Character.charCount(cp);
        if (cp == ZWJ) {
            return afterVirama(kept) || (afterEmoji(kept) && next < text.length()
                    && UCharacter.hasBinaryProperty(text.codePointAt(next), UProperty.EXTENDED_PICTOGRAPHIC));
        }
        if (cp == ZWNJ) {
            return afterVirama(kept) || (joinsTowardsNext(kept) && joinsTowardsPrevious(text, next));
        }
        return UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR) && selectsAVariantOf(cp, kept);
    }

    /** If a recommended emoji tag sequence (a subdivision flag) starts at {@code i}, the index after it; else i. */
    static int flagEnd(String text, int i) {
        if (text.codePointAt(i) == WAVING_BLACK_FLAG) {
            for (String flag : TAG_SEQUENCES) {
                if (text.startsWith(flag, i)) {
                    return i + flag.length();
                }
            }
        }
        return i;
    }

    private static boolean afterVirama(CharSequence kept) {
        return kept.length() > 0 && UCharacter.getCombiningClass(last(kept)) == VIRAMA_CLASS;
    }

    /** An emoji, an emoji with its skin tone, or an emoji with VS16 ends what was kept. */
    private static boolean afterEmoji(CharSequence kept) {
        if (kept.length() == 0) {
            return false;
        }
        int last = last(kept);
        if (last == VS16 && kept.length() > 1) {
            last = Character.codePointBefore(kept, kept.length() - 1);
        }
        return UCharacter.hasBinaryProperty(last, UProperty.EXTENDED_PICTOGRAPHIC)
                || UCharacter.hasBinaryProperty(last, UProperty.EMOJI_MODIFIER);
    }

    /**
     * VS15 and VS16 choose how an emoji (or a digit, {@code #} or {@code *} in a keycap) is drawn; the other
     * selectors choose glyphs of CJK ideographs, mathematical symbols and a few scripts, never of ASCII.
     */
    private static boolean selectsAVariantOf(int selector, CharSequence kept) {
        if (kept.length() == 0) {
            return false;
        }
        int last = last(kept);
        if (selector == VS15 || selector == VS16) {
            return UCharacter.hasBinaryProperty(last, UProperty.EMOJI);
        }
        return last > 0x7F && !TextSanitizer.isBlank(last) && !isInvisible(last);
    }

    /** The last letter before, passing over marks, is dual- or left-joining: it would join what follows. */
    private static boolean joinsTowardsNext(CharSequence kept) {
        for (int i = kept.length(); i > 0; ) {
            int cp = Character.codePointBefore(kept, i);
            int type = joiningType(cp);
            if (type != UCharacter.JoiningType.TRANSPARENT) {
                return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.LEFT_JOINING;
            }
            i -= Character.charCount(cp);
        }
        return false;
    }

    /** The next letter, passing over marks, is dual- or right-joining: it would join what precedes it. */
    private static boolean joinsTowardsPrevious(String text, int from) {
        for (int i = from; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = joiningType(cp);
            if (type != UCharacter.JoiningType.TRANSPARENT) {
                return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.RIGHT_JOINING;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static int joiningType(int cp) {
        return UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE);
    }

    private static int last(CharSequence s) {
        return Character.codePointBefore(s, s.length());
    }
}
