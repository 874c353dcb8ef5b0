package parley.client.state;

import java.util.Locale;
import java.util.Optional;

/** When the terminal bell rings: never, when your nick is mentioned (or someone writes to you), or for every line. */
public enum BellMode {
    OFF, MENTION, ALL;

    public static Optional<BellMode> parse(String word) {
        for (BellMode m : values()) {
            if (m.name().equalsIgnoreCase(word.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code entry}, just logged, rings the bell. History never rings: it is old news. */
    public boolean rings(LogEntry entry) {
        if (entry.history() || entry.own() || !entry.spoken()) {
            return false;
        }
        return switch (this) {
            case OFF -> false;
            case MENTION -> entry.mention();
            case ALL -> true;
        };
    }
}
