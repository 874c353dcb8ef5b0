package parley.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The numbers of a run: every one of them a flag. */
final class LoadOptions {

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Clients in the room (fanout, saturate, slow). Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--senders", paramLabel = "S", defaultValue = "10",
            description = "Of those, how many send in fanout and slow (in saturate all do). Default: ${DEFAULT-VALUE}.")
    int senders;

    @Option(names = "--rate", paramLabel = "MSGS/S", defaultValue = "100",
            description = "Messages per second per sender (fanout, slow). Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--window", paramLabel = "N", defaultValue = "8",
            description = "Messages in flight per client in saturate. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
            description = "Text bytes per message (at least its header). Default: ${DEFAULT-VALUE}.")
    int payload;

    // 10 s, not 3: at fanout's 1,000 lines/s the JIT compiles a line's path 5 to 10 s after talking starts, on
    // the server's one CPU; a window that holds those compiles measures the start, which `lobby` measures.
    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
            description = "Sending before the measured window. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "The measured window. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "10",
            description = "At most this long after the last message for everything to arrive. Default: ${DEFAULT-VALUE}.")
    double drain;

    @Option(names = "--slow-clients", paramLabel = "K", defaultValue = "5",
            description = "Clients that never read, in slow. Default: ${DEFAULT-VALUE}.")
    int slowClients;

    @Option(names = "--idle-connections", paramLabel = "N", defaultValue = "10000",
            description = "Connections opened in idle. Default: ${DEFAULT-VALUE}.")
    int idleConnections;

    @Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "256",
            description = "Connections being opened at once in idle. Default: ${DEFAULT-VALUE}.")
    int connectConcurrency;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long all clients may take to connect and join. Default: ${DEFAULT-VALUE}.")
    double joinTimeout;

    @Option(names = "--lobby-clients", paramLabel = "N", defaultValue = "10000",
            description = "Clients arriving in #lobby in lobby. Default: ${DEFAULT-VALUE}.")
    int lobbyClients;

    @Option(names = "--lobby-window", paramLabel = "SECONDS", defaultValue = "10",
            description = "The time over which they arrive, paced evenly. Default: ${DEFAULT-VALUE}.")
    double lobbyWindow;

    @Option(names = "--lobby-leave-watch", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the server's memory is watched after they all leave. Default: ${DEFAULT-VALUE}.")
    double lobbyLeaveWatch;

    @Option(names = "--load-threads", paramLabel = "N", defaultValue = "2",
            description = "Selector threads of the load generator. Default: ${DEFAULT-VALUE}.")
    int loadThreads;

    Workload workload() {
        return new Workload(clients, senders, rate, window, payload, seconds(warmup), seconds(duration),
                seconds(drain), slowClients, idleConnections, connectConcurrency, seconds(joinTimeout), loadThreads,
                lobbyClients, seconds(lobbyWindow), seconds(lobbyLeaveWatch));
    }

    /** A problem with the numbers, or null. */
    String problem() {
        if (clients < 1 || senders < 0 || rate < 1 || window < 1 || payload < 1 || slowClients < 0
                || idleConnections < 0 || connectConcurrency < 1 || loadThreads < 1 || lobbyClients < 0) {
            return "counts must be positive (--clients, --rate, --window, --payload, --connect-concurrency, "
                    + "--load-threads at least 1; --senders, --slow-clients, --idle-connections, --lobby-clients at least 0)";
        }
        if (warmup < 0 || duration <= 0 || drain < 0 || joinTimeout <= 0 || lobbyWindow <= 0 || lobbyLeaveWatch < 0) {
            return "--duration, --join-timeout and --lobby-window must be more than 0 s; --warmup, --drain and "
                    + "--lobby-leave-watch at least 0 s";
        }
        if (duration > 3600 || warmup > 3600 || drain > 3600 || joinTimeout > 3600 || lobbyWindow > 3600
                || lobbyLeaveWatch > 3600) {
            return "a run is bounded: --warmup, --duration, --drain, --join-timeout, --lobby-window and "
                    + "--lobby-leave-watch are at most 3600 s";
        }
        return null;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
