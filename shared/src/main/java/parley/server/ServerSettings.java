package parley.server;

import java.time.Clock;
import java.time.Duration;
import parley.core.MonotonicClock;
import parley.core.RateLimit;
import parley.core.ServerLog;

/**
 * How a backend should run. Every backend honours the same settings, except {@code loops}, which only the
 * event-loop backend uses.
 *
 * @param host   address to bind
 * @param port   port to bind; 0 picks a free one
 * @param loops  event-loop threads (0 = one per core)
 * @param limits the protections applied to every client
 * @param arrivals how new connections are let in: their rate, the listen backlog
 * @param clock  time for rate limits and the soft output limit: a {@link parley.core.MonotonicClock}, never
 *               the wall clock (tests inject one they move by hand)
 * @param log    where connects, disconnects and refusals are reported
 */
public record ServerSettings(String host, int port, int loops, Limits limits, Arrivals arrivals, Clock clock,
                             ServerLog log) {

    public static final int DEFAULT_PORT = 7777;

    /** How long a connection closing after /quit or EOF may take to flush its output before it is closed. */
    public static final Duration CLOSE_AFTER_FLUSH = Duration.ofSeconds(5);

    /**
     * Loopback, an ephemeral port, a silent log, the default limits except those that would get in the way of
     * tests that open many connections from one address and talk fast: no per-address cap, no rate limit, no
     * limit on the rate of new connections.
     */
    public static ServerSettings forTests() {
        return new ServerSettings("127.0.0.1", 0, 0,
                Limits.defaults().withRateLimit(RateLimit.OFF).withConnectionCaps(Limits.DEFAULT_MAX_CLIENTS, 0),
                Arrivals.defaults().withRate(ConnectRate.Limits.OFF), MonotonicClock.start(), ServerLog.silent());
    }

    public ServerSettings withLimits(Limits value) {
        return new ServerSettings(host, port, loops, value, arrivals, clock, log);
    }

    /** The same settings with {@code change} applied to the limits: {@code withLimits(l -> l.withMaxLineBytes(64))}. */
    public ServerSettings withLimits(java.util.function.UnaryOperator<Limits> change) {
        return withLimits(change.apply(limits));
    }

    public ServerSettings withLoops(int value) {
        return new ServerSettings(host, port, value, limits, arrivals, clock, log);
    }

    public ServerSettings withLog(ServerLog value) {
        return new ServerSettings(host, port, loops, limits, arrivals, clock, value);
    }

    public ServerSettings withArrivals(Arrivals value) {
        return new ServerSettings(host, port, loops, limits, value, clock, log);
    }

    public ServerSettings withClock(Clock value) {
        return new ServerSettings(host, port, loops, limits, arrivals, value, log);
    }

    /** The number of event loops to actually run. */
    public int effectiveLoops() {
        return loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
    }
}
