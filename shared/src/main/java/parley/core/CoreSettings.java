package parley.core;

import java.time.Duration;

/**
 * Tunables of the chat core.
 *
 * @param defaultRoom      the room every new connection starts in
 * @param historySize      how many spoken messages each room replays to someone who joins
 * @param presenceLimit    above this many members a room's joins, leaves and nick changes are summed up, its
 *                         welcome lists a sample, and {@code /who} answers a page of this many
 * @param presenceInterval how often at most a big room hears a summary of its comings and goings
 * @param sessionLimits    the idle timeout, the nick delay and the cap on private traffic
 */
public record CoreSettings(String defaultRoom, int historySize,
                           int presenceLimit,
                           Duration presenceInterval,
                           SessionLimits sessionLimits) {

    /**
     * Why 150: below it a room's comings and goings are readable one by one and a full member list is a few
     * kilobytes (about 40 bytes a member); a storm of N arrivals costs N squared lines, 22,500 at 150, which no
     * one notices. Discord's gateway draws the same line with its {@code large_threshold} (50 to 250).
     */
    public static final int DEFAULT_PRESENCE_LIMIT = 150;
    /** "A few seconds": a storm of arrivals costs each member one line per this long. */
    public static final Duration DEFAULT_PRESENCE_INTERVAL = Duration.ofSeconds(5);

    public CoreSettings {
        if (presenceLimit < 1) {
            throw new IllegalArgumentException("the presence limit must be at least 1, not " + presenceLimit);
        }
    }

    public static CoreSettings defaults() {
        return new CoreSettings("lobby", 50,
                DEFAULT_PRESENCE_LIMIT,
                DEFAULT_PRESENCE_INTERVAL,
                SessionLimits.defaults());
    }

    public CoreSettings withPresenceLimit(int value) {
        return new CoreSettings(defaultRoom, historySize, value, presenceInterval, sessionLimits);
    }

    public CoreSettings withPresenceInterval(Duration value) {
        return new CoreSettings(defaultRoom, historySize, presenceLimit, value, sessionLimits);
    }

    public CoreSettings withSessionLimits(SessionLimits value) {
        return new CoreSettings(defaultRoom, historySize, presenceLimit, presenceInterval, value);
    }
}
