package parley.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections that have not sent a line yet, oldest first: past the idle timeout they are closed (ngIRCd's
 * ping timeout before registration). A storm of sockets that connect and say nothing then costs the server
 * at most a timeout's worth of them.
 *
 * <p>In order of connecting, so finding the expired ones costs only those: the clock moves forward and every
 * newcomer goes to the end. Under the core's lock.
 */
final class IdleWatch {

    private final Duration timeout;
    private final Clock clock;
    private final Map<Session, Instant> silent = new LinkedHashMap<>();

    IdleWatch(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    void connected(Session s) {
        if (!timeout.isZero()) {
            silent.put(s, clock.instant());
        }
    }

    /** {@code s} sent a line, or is gone: it is not watched any more. */
    void forget(Session s) {
        silent.remove(s);
    }

    /** The connections silent for longer than the timeout, now forgotten: the core closes them. */
    List<Session> expired() {
        List<Session> expired = new ArrayList<>();
        Instant cutoff = clock.instant().minus(timeout);
        for (Iterator<Map.Entry<Session, Instant>> it = silent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Session, Instant> e = it.next();
            if (e.getValue().isAfter(cutoff)) {
                break;
            }
            it.remove();
            expired.add(e.getKey());
        }
        return expired;
    }

    /** The line a connection closed for its silence gets. */
    String reason() {
        return "no line received in " + timeout.toSeconds() + " s; closing";
    }
}
