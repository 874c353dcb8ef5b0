package parley.app;

import java.time.Duration;
import parley.bench.ByteSize;
import parley.core.CoreSettings;
import parley.core.MonotonicClock;
import parley.core.RateLimit;
import parley.core.ServerLog;
import parley.server.Limits;
import parley.server.ServerSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The server's limits and tuning, shared by {@code server} and {@code demo}. docs/SECURITY.md explains each. */
final class ServerOptions {

    @Option(names = "--max-line", paramLabel = "BYTES", defaultValue = "" + Limits.DEFAULT_MAX_LINE,
            description = "Longest accepted line in bytes; a longer one is discarded with an error "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxLine;

    @Option(names = "--max-outbound", paramLabel = "SIZE", defaultValue = "1MiB", converter = ByteSize.class,
            description = "Hard limit on output queued for one client: past it a client that is not reading "
                    + "is closed at once, e.g. 512KiB, 4MiB (default: ${DEFAULT-VALUE}).")
    long maxOutbound;

    @Option(names = "--soft-outbound", paramLabel = "SIZE", defaultValue = "256KiB", converter = ByteSize.class,
            description = "Soft limit on queued output: a client above it for --soft-outbound-seconds is "
                    + "closed (default: ${DEFAULT-VALUE}).")
    long softOutbound;

    @Option(names = "--soft-outbound-seconds", paramLabel = "S", defaultValue = "10",
            description = "How long a client may stay above the soft limit (default: ${DEFAULT-VALUE}).")
    long softOutboundSeconds;

    @Option(names = "--rate-limit", paramLabel = "LINES/S", defaultValue = "20/40", converter = Rate.class,
            description = "Lines per second per client, as RATE or RATE/BURST, or off. Past it the server "
                    + "reads that client more slowly; nothing is dropped (default: ${DEFAULT-VALUE}).")
    RateLimit rateLimit;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "" + Limits.DEFAULT_MAX_CLIENTS,
            description = "Connections in all; more are told 'server full' (0 = no cap; default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-per-ip", paramLabel = "N", defaultValue = "" + Limits.DEFAULT_MAX_PER_IP,
            description = "Connections from one address (0 = no cap; default: ${DEFAULT-VALUE}).")
    int maxPerIp;

    @Option(names = "--presence-limit", paramLabel = "N", defaultValue = "" + CoreSettings.DEFAULT_PRESENCE_LIMIT,
            description = "Above N people a room's joins, leaves and nick changes are summed up every few seconds, "
                    + "its welcome lists a sample and /who answers N at a time (default: ${DEFAULT-VALUE}).")
    int presenceLimit;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads of the selector backend (default: one per core).")
    int loops;

    /** Settings for a server; its limits measure time on a monotonic clock, whatever the wall clock does. */
    ServerSettings settings(String host, int port, ServerLog log) {
        Limits limits = new Limits(maxLine, maxOutbound, Math.min(softOutbound, maxOutbound),
                Duration.ofSeconds(softOutboundSeconds), rateLimit, maxClients, maxPerIp);
        return new ServerSettings(host, port, loops, limits, MonotonicClock.start(), log);
    }

    /** The chat core's settings: the defaults, with the presence limit chosen here. */
    CoreSettings core() {
        return CoreSettings.defaults().withPresenceLimit(presenceLimit);
    }

    /** Refuses, as a usage error, the mistakes no type converter catches. */
    void check(picocli.CommandLine cl) {
        String problem = problem();
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(cl, problem);
        }
    }

    private String problem() {
        if (maxLine < 1) {
            return "--max-line must be at least 1";
        }
        if (presenceLimit < 1) {
            return "--presence-limit must be at least 1";
        }
        long joinBurst = newcomerBurstBytes(maxLine, presenceLimit);
        if (maxOutbound < joinBurst) {
            return "--max-outbound must be at least " + joinBurst + " bytes with --max-line " + maxLine
                    + " and --presence-limit " + presenceLimit + ": a newcomer is sent the room's last "
                    + CoreSettings.defaults().historySize() + " lines and up to " + presenceLimit
                    + " people at once";
        }
        if (softOutboundSeconds < 0 || maxClients < 0 || maxPerIp < 0 || loops < 0) {
            return "--soft-outbound-seconds, --max-clients, --max-per-ip and --loops cannot be negative";
        }
        return null;
    }

    /**
     * What joining a room queues at once: the welcome, the member list and the history. A history line is at
     * most {@code maxLine} bytes as received, but each invalid byte in it became U+FFFD, three bytes in UTF-8,
     * so it can be three times that, plus its time, nick and address. The member list names at most
     * {@code presenceLimit} people (a bigger room sends a sample), each at most {@link #MEMBER_BYTES}.
     */
    static long newcomerBurstBytes(int maxLine, int presenceLimit) {
        return (CoreSettings.defaults().historySize() + 2L) * (3L * maxLine + 128L)
                + (long) presenceLimit * MEMBER_BYTES;
    }

    /** One person in a member list: a nick of 24 characters of up to 4 bytes, an IPv6 address and port. */
    static final int MEMBER_BYTES = 24 * 4 + 64;

    /** {@code 20}, {@code 20/40}, {@code off}. */
    static final class Rate implements ITypeConverter<RateLimit> {
        @Override
        public RateLimit convert(String value) {
            try {
                return RateLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
