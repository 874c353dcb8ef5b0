package parley.core;

import java.util.Optional;

/**
 * Nick and room name rules: 1 to 24 letters or digits of any script (with the marks that complete them),
 * {@code _} or {@code -}.
 */
public final class Names {

    public static final int MAX_LENGTH = 24;

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
        return allowed ? Optional.empty() : Optional.of("may contain only letters, digits, _ and -");
    }

    /**
     * Vowel signs and accents that complete a letter: without them many scripts (Devanagari, Thai, Bengali)
     * could not be written at all. Never first, so a name cannot start by decorating nothing.
     */
    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Names are unique ignoring case: this is the key they are compared by. Two names have the same key exactly
     * when {@link String#equalsIgnoreCase} says they are equal: each code point is upper-cased, then lower-cased,
     * on its own. {@code String.toLowerCase} is not that: it lowers a final Σ to ς but a typed σ stays σ, so
     * "ΣΟΦΌΣ" and "σοφόσ" were two different people; long s (ſ) and s likewise.
     */
    public static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> key.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return key.toString();
    }
}
