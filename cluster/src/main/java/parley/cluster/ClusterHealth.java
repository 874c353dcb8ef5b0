package parley.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import parley.core.RoomRelay;
import parley.core.ServerLog;

/**
 * Whether this node reaches its Redis, as its appender and reader find it. People here are told once when
 * it is lost and once when it is back, and the log says why; {@code /stats} shows it while it lasts.
 */
final class ClusterHealth {

    private final ClusterAddress address;
    private final Clock clock;
    private final ServerLog log;
    private RoomRelay.Listener listener;
    /** Each failing role ("append", "read") and why. */
    private final Map<String, String> failing = new LinkedHashMap<>();
    private Instant since;

    ClusterHealth(ClusterAddress address, Clock clock, ServerLog log) {
        this.address = address;
        this.clock = clock;
        this.log = log;
    }

    synchronized void attach(RoomRelay.Listener listener) {
        this.listener = listener;
    }

    /** {@code role} could not reach Redis. Told outside this object's lock: the core takes its own. */
    void failed(String role, Exception e) {
        boolean first;
        synchronized (this) {
            first = failing.isEmpty();
            failing.put(role, String.valueOf(e.getMessage()));
            if (first) {
                since = clock.instant();
            }
        }
        if (first) {
            log.info("cluster: Redis at " + address + " is unreachable (" + e.getMessage() + "); retrying");
            tell("the cluster's Redis is unreachable: what you say waits for it and is sent when it is back");
        }
    }

    /** {@code role} reached Redis again. */
    void working(String role) {
        boolean back;
        synchronized (this) {
            back = failing.remove(role) != null && failing.isEmpty();
        }
        if (back) {
            log.info("cluster: Redis at " + address + " is back");
            tell("the cluster's Redis is back: waiting lines are being sent");
        }
    }

    /** Lines still waiting when the node stopped, never appended. */
    void logDropped(int lines) {
        log.info("cluster: " + lines + " lines said here were never appended: Redis at " + address
                + " did not take them before the node stopped");
    }

    /** Why Redis is not reached, and since when; empty while it is. */
    synchronized Optional<String> problem() {
        return failing.isEmpty() ? Optional.empty()
                : Optional.of("unreachable since " + since + " (" + String.join("; ", failing.values()) + ")");
    }

    private void tell(String text) {
        RoomRelay.Listener l;
        synchronized (this) {
            l = listener;
        }
        if (l != null) {
            l.tellEveryone(text);
        }
    }
}
