package parley.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Nicks given up a moment ago (InspIRCd's {@code nickdelay}): for a short delay after quit, disconnect or a nick
 * change, nobody from another address may take the nick, so a message meant for its last holder, or an
 * answer to one, cannot reach an impostor who grabs it at once. The same address may take it back
 * (a reconnect).
 *
 * <p>Remembered in the order released, so forgetting the expired ones costs only those. Under the core's lock.
 */
final class NickDelay {

    private record Release(Instant at, String ip) {
    }

    private final Duration delay;
    private final Clock clock;
    private final Map<String, Release> released = new LinkedHashMap<>();

    NickDelay(Duration delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    /** The holder at {@code address} ({@code ip:port}) gave up the nick with this {@link Names#key}. */
    void released(String key, String address) {
        if (!delay.isZero()) {
            // Here too, not only in wait: where nobody picks a nick (guests come and go), wait is never called,
            // and every nick ever released would be kept, some 200 bytes each, for the server's lifetime.
            forgetExpired();
            released.remove(key); // to the end: the order stays the order of release
            released.put(key, new Release(clock.instant(), ipOf(address)));
        }
    }

    /** How many released nicks are remembered now (the expired ones may be among them). */
    int remembered() {
        return released.size();
    }

    /**
     * How long until someone at {@code address} may take the nick with this key; empty if they may now.
     */
    Optional<Duration> wait(String key, String address) {
        forgetExpired();
        Release r = released.get(key);
        if (r == null || r.ip().equals(ipOf(address))) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(clock.instant(), r.at().plus(delay)));
    }

    private void forgetExpired() {
        Instant cutoff = clock.instant().minus(delay);
        for (Iterator<Release> it = released.values().iterator(); it.hasNext(); ) {
            if (it.next().at().isAfter(cutoff)) {
                return;
            }
            it.remove();
        }
    }

    /** The address part of {@code ip:port} or {@code [v6]:port}. */
    private static String ipOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
