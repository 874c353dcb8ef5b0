package parley.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import parley.protocol.ChatEvent;

/**
 * A big room's comings and goings since its last summary, and when that summary went out. Only rooms above the
 * presence limit have one. Guarded by the core's lock.
 */
final class PresenceTally {

    private int joined;
    private int left;
    private int renamed;
    private final List<String> arrivals = new ArrayList<>(ChatEvent.Presence.SAMPLE);
    /** When the last summary went out; null before the first, which may go out at once. */
    private Instant lastSummary;

    void joined(String nick) {
        joined++;
        if (arrivals.size() < ChatEvent.Presence.SAMPLE) {
            arrivals.add(nick);
        }
    }

    void left() {
        left++;
    }

    void renamed() {
        renamed++;
    }

    /** Whether a summary may go out at {@code now}: at most one per {@code interval}. */
    boolean due(Instant now, Duration interval) {
        return lastSummary == null || !now.isBefore(lastSummary.plus(interval));
    }

    /** The summary of what was counted, which starts counting afresh. */
    ChatEvent.Presence summary(String room, Instant now, int count) {
        ChatEvent.Presence p = new ChatEvent.Presence(room, now, joined, left, renamed, count, arrivals);
        joined = 0;
        left = 0;
        renamed = 0;
        arrivals.clear();
        lastSummary = now;
        return p;
    }
}
