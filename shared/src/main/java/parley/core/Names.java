package parley.core;

import java.util.Locale;
import java.util.Optional;

/** Nick and room name rules: 1 to 24 letters or digits of any script, {@code _} or {@code -}. */
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
        boolean allowed = name.codePoints().allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '_' || cp == '-');
        return allowed ? Optional.empty() : Optional.of("may contain only letters, digits, _ and -");
    }

    /** Names are unique ignoring case: this is the key they are compared by. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
