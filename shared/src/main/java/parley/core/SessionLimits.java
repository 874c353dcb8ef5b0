package parley.core;

import java.time.Duration;

/**
 * The core's limits on what one person can do to others, beyond flood control. docs/SECURITY.md lists them
 * with their flags.
 *
 * @param idleTimeout  a connection that has not sent a single line this long after connecting is closed, told
 *                     why ({@link Duration#ZERO}: never)
 * @param nickDelay    how long a nick given up by quit, disconnect or a nick change stays out of reach of other
 *                     addresses ({@link Duration#ZERO}: free at once)
 * @param privateLines private messages per second one person may receive from everyone together, with a burst
 * @param privateBytes bytes of private text per second one person may receive from everyone together, with a
 *                     burst
 */
public record SessionLimits(Duration idleTimeout, Duration nickDelay, RateLimit privateLines,
                            RateLimit privateBytes) {

    /** Long enough for a person typing at a bare {@code nc}, short enough that idle sockets do not pile up. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** InspIRCd's {@code nickdelay} default is 5 s; 10 s covers a reconnect over a slow link. */
    public static final Duration DEFAULT_NICK_DELAY = Duration.ofSeconds(10);
    /**
     * Why 10 lines and 16 KiB a second (bursts of 20 and 32 KiB): more than anyone reads, less than the
     * slowest terminal link drains, so others' messages can never push a reader over its output limits.
     */
    public static final RateLimit DEFAULT_PRIVATE_LINES = new RateLimit(10, 20);
    public static final RateLimit DEFAULT_PRIVATE_BYTES = new RateLimit(16 * 1024, 32 * 1024);

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_NICK_DELAY, DEFAULT_PRIVATE_LINES,
                DEFAULT_PRIVATE_BYTES);
    }

    public SessionLimits withIdleTimeout(Duration value) {
        return new SessionLimits(value, nickDelay, privateLines, privateBytes);
    }

    public SessionLimits withNickDelay(Duration value) {
        return new SessionLimits(idleTimeout, value, privateLines, privateBytes);
    }

    public SessionLimits withPrivateTraffic(RateLimit lines, RateLimit bytes) {
        return new SessionLimits(idleTimeout, nickDelay, lines, bytes);
    }
}
