package parley.server;

import java.time.Clock;
import java.time.Duration;
import parley.core.RateLimit;
import parley.output.OutputBuffer;
import parley.output.OutputMemory;

/**
 * Every protection a server applies to its clients, the same in both backends. docs/SECURITY.md lists them
 * with their flags.
 *
 * @param maxLineBytes      longest accepted line, without its terminator; a longer one is discarded
 * @param maxOutboundBytes  hard limit: a connection with more than this queued is closed at once
 * @param softOutboundBytes soft limit: a connection above this for longer than {@code softOutboundGrace} is
 *                          closed (a reader that is slow for a long time, not just for a moment)
 * @param softOutboundGrace how long a connection may stay above the soft limit
 * @param rateLimit         lines per second per connection, enforced by reading more slowly, never by dropping
 * @param maxClients        connections in all (0 = no cap)
 * @param maxPerIp          connections from one address (0 = no cap)
 * @param maxOutputMemory   the global output budget: output held for all connections together; past it the
 *                          connections holding the most are closed
 */
public record Limits(int maxLineBytes, long maxOutboundBytes, long softOutboundBytes, Duration softOutboundGrace,
                     RateLimit rateLimit, int maxClients, int maxPerIp, long maxOutputMemory) {

    public static final int DEFAULT_MAX_LINE = 4096;
    public static final long DEFAULT_MAX_OUTBOUND = 8L * 1024 * 1024;
    public static final long DEFAULT_SOFT_OUTBOUND = 256 * 1024;
    public static final Duration DEFAULT_SOFT_GRACE = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    public static final int DEFAULT_MAX_PER_IP = 64;
    public static final long DEFAULT_MAX_OUTPUT_MEMORY = 256L * 1024 * 1024;

    /** A connection's output buffer in {@code memory}, with these hard and soft limits, timed by {@code clock}. */
    public OutputBuffer newOutputBuffer(OutputMemory memory, Clock clock, Runnable onOverflow) {
        return memory.newBuffer(maxOutboundBytes, softOutboundBytes, softOutboundGrace, clock, onOverflow);
    }

    /** A server's output memory under this budget. */
    public OutputMemory newOutputMemory() {
        return new OutputMemory(maxOutputMemory);
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_LINE, DEFAULT_MAX_OUTBOUND, DEFAULT_SOFT_OUTBOUND, DEFAULT_SOFT_GRACE,
                RateLimit.DEFAULT, DEFAULT_MAX_CLIENTS, DEFAULT_MAX_PER_IP, DEFAULT_MAX_OUTPUT_MEMORY);
    }

    public Limits withMaxLineBytes(int value) {
        return new Limits(value, maxOutboundBytes, softOutboundBytes, softOutboundGrace, rateLimit, maxClients,
                maxPerIp, maxOutputMemory);
    }

    /** Sets the hard limit; a soft limit above it is lowered to it. */
    public Limits withMaxOutboundBytes(long value) {
        return new Limits(maxLineBytes, value, Math.min(softOutboundBytes, value), softOutboundGrace, rateLimit,
                maxClients, maxPerIp, maxOutputMemory);
    }

    public Limits withSoftOutbound(long bytes, Duration grace) {
        return new Limits(maxLineBytes, maxOutboundBytes, bytes, grace, rateLimit, maxClients, maxPerIp,
                maxOutputMemory);
    }

    public Limits withRateLimit(RateLimit value) {
        return new Limits(maxLineBytes, maxOutboundBytes, softOutboundBytes, softOutboundGrace, value, maxClients,
                maxPerIp, maxOutputMemory);
    }

    public Limits withConnectionCaps(int total, int perIp) {
        return new Limits(maxLineBytes, maxOutboundBytes, softOutboundBytes, softOutboundGrace, rateLimit, total,
                perIp, maxOutputMemory);
    }

    public Limits withMaxOutputMemory(long bytes) {
        return new Limits(maxLineBytes, maxOutboundBytes, softOutboundBytes, softOutboundGrace, rateLimit, maxClients,
                maxPerIp, bytes);
    }
}
