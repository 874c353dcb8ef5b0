package parley.server;

import parley.core.ServerLog;

/**
 * How a backend should run. Every backend honours the same settings, except {@code loops}, which only the
 * event-loop backend uses.
 *
 * @param host            address to bind
 * @param port            port to bind; 0 picks a free one
 * @param maxLineBytes    longest accepted line, without its terminator
 * @param maxOutboundBytes queued bytes above which a connection that is not reading is closed
 * @param loops           event-loop threads (0 = one per core)
 * @param log             where connects and disconnects are reported
 */
public record ServerSettings(String host, int port, int maxLineBytes, long maxOutboundBytes, int loops,
                             ServerLog log) {

    public static final int DEFAULT_PORT = 7777;
    public static final int DEFAULT_MAX_LINE = 4096;
    public static final long DEFAULT_MAX_OUTBOUND = 1024 * 1024;

    /** Loopback, an ephemeral port, the default limits and a silent log: what tests start from. */
    public static ServerSettings forTests() {
        return new ServerSettings("127.0.0.1", 0, DEFAULT_MAX_LINE, DEFAULT_MAX_OUTBOUND, 0, ServerLog.silent());
    }

    public ServerSettings withMaxLineBytes(int value) {
        return new ServerSettings(host, port, value, maxOutboundBytes, loops, log);
    }

    public ServerSettings withMaxOutboundBytes(long value) {
        return new ServerSettings(host, port, maxLineBytes, value, loops, log);
    }

    public ServerSettings withLoops(int value) {
        return new ServerSettings(host, port, maxLineBytes, maxOutboundBytes, value, log);
    }

    /** The number of event loops to actually run. */
    public int effectiveLoops() {
        return loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
    }
}
