package parley.app;

import java.time.Duration;
import parley.bench.ByteSize;
import parley.core.CoreSettings;
import parley.core.MonotonicClock;
import parley.core.RateLimit;
import parley.core.ServerLog;
import parley.core.SessionLimits;
import parley.output.OutputMemory;
import parley.server.Arrivals;
import parley.server.ConnectRate;
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

    @Option(names = "--max-outbound", paramLabel = "SIZE", defaultValue = "8MiB", converter = ByteSize.class,
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

    @Option(names = "--max-connect-rate", paramLabel = "CONN/S", defaultValue = "200/400", converter = Rate.class,
            description = "New connections per second to the whole server, as RATE or RATE/BURST, or off; more "
                    + "are told 'too many new connections' and closed (default: ${DEFAULT-VALUE}).")
    RateLimit connectRate;

    @Option(names = "--max-connect-rate-per-ip", paramLabel = "CONN/S", defaultValue = "10/20", converter = Rate.class,
            description = "New connections per second from one address (default: ${DEFAULT-VALUE}).")
    RateLimit connectRatePerIp;

    @Option(names = "--max-connect-rate-per-net", paramLabel = "CONN/S", defaultValue = "20/40", converter = Rate.class,
            description = "New connections per second from one IPv4 /24 or IPv6 /64 (default: ${DEFAULT-VALUE}).")
    RateLimit connectRatePerNet;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "" + Arrivals.DEFAULT_BACKLOG,
            description = "Connections the kernel may hold for the server before it accepts them; Linux caps it at "
                    + "net.core.somaxconn (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "60",
            description = "Close a connection that has sent no line this many seconds after connecting "
                    + "(0 = never; default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds;

    @Option(names = "--nick-delay", paramLabel = "S", defaultValue = "10",
            description = "Seconds a nick given up stays out of reach of other addresses (0 = free at once; "
                    + "default: ${DEFAULT-VALUE}).")
    long nickDelaySeconds;

    @Option(names = "--private-rate", paramLabel = "LINES/S", defaultValue = "10/20", converter = Rate.class,
            description = "Private messages per second one person may receive from everyone together, or off; "
                    + "past it senders get an error (default: ${DEFAULT-VALUE}).")
    RateLimit privateRate;

    @Option(names = "--private-bytes", paramLabel = "SIZE", defaultValue = "16KiB", converter = ByteSize.class,
            description = "Bytes of private text per second one person may receive from everyone together, with "
                    + "a burst of twice that (0 = no cap; default: ${DEFAULT-VALUE}).")
    long privateBytes;

    @Option(names = "--presence-limit", paramLabel = "N", defaultValue = "" + CoreSettings.DEFAULT_PRESENCE_LIMIT,
            description = "Above N people a room's joins, leaves and nick changes are summed up every few seconds, "
                    + "its welcome lists a sample and /who answers N at a time (default: ${DEFAULT-VALUE}).")
    int presenceLimit;

    @Option(names = "--max-output-memory", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Output held for all clients together: past it the clients holding the most are "
                    + "closed as slow consumers (default: 256MiB, or half the JVM's direct memory limit if that "
                    + "is less; at most that half).")
    Long maxOutputMemory;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads of the selector backend (default: one per core).")
    int loops;

    /** Settings for a server; its limits measure time on a monotonic clock, whatever the wall clock does. */
    ServerSettings settings(String host, int port, ServerLog log) {
        Limits limits = new Limits(maxLine, maxOutbound, Math.min(softOutbound, maxOutbound),
                Duration.ofSeconds(softOutboundSeconds), rateLimit, maxClients, maxPerIp, outputBudget());
        Arrivals arrivals = new Arrivals(new ConnectRate.Limits(connectRate, connectRatePerIp, connectRatePerNet),
                backlog);
        return new ServerSettings(host, port, loops, limits, arrivals, MonotonicClock.start(), log);
    }

    /** The chat core's settings: the defaults, with the presence limit and the session limits chosen here. */
    CoreSettings core() {
        RateLimit bytes = privateBytes == 0 ? RateLimit.OFF
                : new RateLimit(privateBytes, (int) Math.min(Integer.MAX_VALUE, 2 * privateBytes));
        return CoreSettings.defaults().withPresenceLimit(presenceLimit).withSessionLimits(new SessionLimits(
                Duration.ofSeconds(idleTimeoutSeconds), Duration.ofSeconds(nickDelaySeconds), privateRate, bytes));
    }

    /**
     * The global output budget: as asked, or by default 256 MiB, but never more than half of what the JVM
     * allows for direct memory. The other half is headroom: the JDK's own temporary buffers and the loops'
     * read buffers live there too, and the pool must never make {@code allocateDirect} reach the limit (it
     * would then stall in {@code System.gc()}).
     */
    long outputBudget() {
        return maxOutputMemory != null ? maxOutputMemory
                : Math.min(Limits.DEFAULT_MAX_OUTPUT_MEMORY, OutputMemory.jvmDirectMemoryLimit() / 2);
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
        if (softOutboundSeconds < 0 || maxClients < 0 || maxPerIp < 0 || loops < 0) {
            return "--soft-outbound-seconds, --max-clients, --max-per-ip and --loops cannot be negative";
        }
        if (idleTimeoutSeconds < 0 || nickDelaySeconds < 0 || privateBytes < 0) {
            return "--idle-timeout, --nick-delay and --private-bytes cannot be negative";
        }
        if (backlog < 1) {
            return "--backlog must be at least 1";
        }
        long joinBurst = newcomerBurstBytes(maxLine, presenceLimit);
        if (maxOutbound < joinBurst) {
            return "--max-outbound must be at least " + joinBurst + " bytes with --max-line " + maxLine
                    + " and --presence-limit " + presenceLimit + ": a newcomer may be sent the welcome, a member"
                    + " list of up to " + presenceLimit + " people and the room's last "
                    + CoreSettings.defaults().historySize() + " lines at once, twice (in text, then in machine mode)";
        }
        long halfOfDirect = OutputMemory.jvmDirectMemoryLimit() / 2;
        if (maxOutputMemory != null && maxOutputMemory > halfOfDirect) {
            return "--max-output-memory must be at most half of the JVM's direct memory limit, " + halfOfDirect
                    + " bytes here (raise it with -XX:MaxDirectMemorySize)";
        }
        if (outputBudget() < maxOutbound) {
            return "--max-output-memory (" + outputBudget() + " bytes) must be at least --max-outbound ("
                    + maxOutbound + " bytes)";
        }
        return null;
    }

    /**
     * What joining can queue at once: the welcome, the member list and the history, and all of it again in
     * machine mode when the client's first line asks for it before it has read the text ones. A history line
     * is at most {@code maxLine} bytes as received, but each invalid byte in it became U+FFFD, three bytes in
     * UTF-8, so it can be three times that, plus its time, nick and address. The member list names at most
     * {@code presenceLimit} people (a bigger room sends a sample), each at most {@link #MEMBER_BYTES}. One
     * chunk more: the output buffer holds whole chunks.
     */
    static long newcomerBurstBytes(int maxLine, int presenceLimit) {
        long lines = (CoreSettings.defaults().historySize() + 1L) * (3L * maxLine + 128L);
        long members = 128L + (long) presenceLimit * MEMBER_BYTES;
        return 2 * (lines + members) + OutputMemory.CHUNK_BYTES;
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
