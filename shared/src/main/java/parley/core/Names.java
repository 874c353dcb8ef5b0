package parley.core;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Nick and room name rules, one for both: what a name may contain, the form it is shown in, and the key two
 * names are compared by.
 *
 * <p>A name is 1 to 24 letters or digits of any script (with the marks that complete them), {@code _} or
 * {@code -}; no invisible characters; and its letters come from one script, or Latin with one other script
 * that is not Cyrillic or Greek (UTS #39 "Moderately Restrictive"; Han, Hiragana and Katakana together count
 * as one script, as do Han and Hangul). Two names are the same name when they look the same: see {@link #key}.
 */
public final class Names {

    public static final int MAX_LENGTH = 24;

    /** Full case folding, NFKC, and default-ignorable code points removed: UAX #31's identifier comparison. */
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    /**
     * The TR39 checks and confusable data. Moderately Restrictive (the level Chromium applies to domain names)
     * refuses the Latin/Cyrillic/Greek mixes that look-alikes are made of while keeping bilingual names such
     * as {@code ali_علي} or {@code raj_राज} that Highly Restrictive would refuse. Immutable and safe to share
     * between threads once built.
     */
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();

    /** Folding and skeletons reach a fixed point within two rounds for every code point; this is a safety net. */
    private static final int MAX_KEY_ROUNDS = 8;

    private Names() {
    }

    /** Empty when {@code name} is acceptable, otherwise the reason it is not. */
    public static Optional<String> problem(String name) {
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_LENGTH) {
            return Optional.of("must be 1 to " + MAX_LENGTH + " characters long");
        }
        boolean allowed = name.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '_' || cp == '-'
                || isCombiningMark(cp)) && !isCombiningMark(name.codePointAt(0));
        if (!allowed) {
            return Optional.of("may contain only letters, digits, _ and -");
        }
        // Hangul fillers (U+3164, U+FFA0, U+115F, U+1160) are letters to Java but show as nothing.
        if (name.codePoints().anyMatch(Names::isInvisible)) {
            return Optional.of("may not contain invisible characters");
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (!SPOOF.failsChecks(name, result)) {
            return Optional.empty();
        }
        if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
            return Optional.of("mixes digits of different number systems");
        }
        return Optional.of("mixes " + String.join(" and ", scriptsIn(name)) + " letters, as look-alike names do;"
                + " use one script, or Latin with one other script that is not Cyrillic or Greek");
    }

    /**
     * How a name is shown and kept: as typed, in NFC, so that an accent typed as a separate mark and the same
     * accented letter typed whole read back the same.
     */
    public static String normalized(String name) {
        return NFC.normalize(name);
    }

    /**
     * What names are compared by: two names have the same key when a reader could take one for the other.
     * NFKC_Casefold (compatibility forms such as fullwidth {@code ａｄａ} and math bold {@code 𝐚𝐝𝐚} become
     * {@code ada}, case is folded, {@code ß} becomes {@code ss}, invisible fillers go), then the UTS #39
     * confusable skeleton (Cyrillic {@code а} and Greek {@code α} become {@code a}, {@code 0} becomes
     * {@code o}), folded again because skeletons may contain capitals, repeated until nothing changes so that
     * a key is its own key. Independent of the default locale.
     */
    public static String key(String name) {
        // NFKC first: NFKC_Casefold alone is not closed under NFKC when U+0345 meets other marks.
        String key = NFKC_CASEFOLD.normalize(NFKC.normalize(name));
        for (int round = 0; round < MAX_KEY_ROUNDS; round++) {
            String next = NFKC_CASEFOLD.normalize(SPOOF.getSkeleton(key));
            if (next.equals(key)) {
                return key;
            }
            key = next;
        }
        return key;
    }

    /** Default-ignorable: shows as nothing (Hangul fillers, variation selectors, joiners). */
    private static boolean isInvisible(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * Vowel signs and accents that complete a letter: without them many scripts (Devanagari, Thai, Bengali)
     * could not be written at all. Never first, so a name cannot start by decorating nothing.
     */
    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** The scripts of {@code name}'s letters in order of first use, for the refusal: "Latin and Cyrillic". */
    private static Set<String> scriptsIn(String name) {
        Set<String> scripts = new LinkedHashSet<>();
        name.codePoints().map(cp -> UScript.getScript(cp))
                .filter(script -> script != UScript.COMMON && script != UScript.INHERITED)
                .forEach(script -> scripts.add(UScript.getName(script)));
        return scripts;
    }
}
