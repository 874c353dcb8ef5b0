package parley.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.cluster.Cluster;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.LocalRelay;
import parley.core.PresenceRelay;
import parley.history.HistoryStore;
import parley.server.Backends;
import parley.server.DaemonThreads;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;
import parley.tls.TlsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley server}: runs a chat server until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a chat server. Prints 'listening on HOST:PORT backend=NAME' once it accepts.")
final class ServerCommand implements Callable<Integer> {

    /** How long clients' queued output may take to drain at shutdown. */
    static final Duration FLUSH_ON_SHUTDOWN = Duration.ofSeconds(5);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private ServerOptions options;

    @Mixin
    private HistoryOptions history;

    @Mixin
    private OperationsOptions operations;

    @Mixin
    private TrustOptions trust;

    @Mixin
    private TlsOptions tls;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "selector",
            description = "How the server moves bytes: selector (java.nio event loops) or threaded "
                    + "(blocking, a thread per connection). Default: ${DEFAULT-VALUE}.")
    private String backendName;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public Integer call() throws Exception {
        Ports.check(spec.commandLine(), port);
        options.check(spec.commandLine());
        history.check(spec.commandLine());
        trust.check(spec.commandLine());
        cluster.check(spec.commandLine(), history);
        ServerBackend backend = BackendChoice.resolve(spec.commandLine(), backendName);
        Optional<TlsSettings> tlsPort = tls.settings(spec.commandLine());
        StopSignal stop = StopSignal.install();
        Clock clock = Clock.systemDefaultZone();
        try (StderrLog log = operations.openLog(clock, spec.commandLine().getErr());
             HistoryOptions.ServerHistory kept = history.open(clock, log);
             TrustOptions.ServerTrust trusted = trust.open(
                     history.directory(System.getenv(), System.getProperty("user.home")), log);
             ClusterOptions.Joined joined = cluster.join(clock, log)) {
            HistoryStore store = joined.cluster().map(Cluster::history).orElse(kept.store());
            ChatCore core = new ChatCore(clock, log, options.core(), store, kept.reads(), trusted.settings(),
                    operations.metrics(), joined.cluster().map(Cluster::relay).orElseGet(() -> new LocalRelay(store)),
                    joined.cluster().map(Cluster::presence).orElseGet(PresenceRelay::alone));
            RunningServer server = backend.start(options.settings(host, port, log), core, tlsPort);
            AutoCloseable metrics = operations.serveMetrics(server, core, store, spec.commandLine().getOut());
            spec.commandLine().getOut().println("listening on " + Ports.describe(host, server.address().getPort())
                    + " backend=" + backend.name());
            server.tlsAddress().ifPresent(a -> spec.commandLine().getOut().println(
                    "listening for TLS on " + Ports.describe(host, a.getPort())));
            spec.commandLine().getOut().flush();
            log.info(store.status().summary()); // where history goes: after a start that worked
            ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("parley-status"));
            status.scheduleAtFixedRate(() -> log.info("status: " + describe(server)), 1, 1, TimeUnit.MINUTES);
            server.failure().thenAccept(stop::fail);
            stop.await();
            status.shutdownNow();
            log.info("shutting down");
            server.shutdown(FLUSH_ON_SHUTDOWN);
            log.info("stopped: " + describe(server));
            metrics.close();
            log.info(store.status().summary());
        }
        if (stop.failure() != null) {
            spec.commandLine().getErr().println("parley: the server stopped after an internal error (" + stop.failure()
                    + ")");
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }

    /** The counters that show a leak (all zero once everyone has gone), and the output pool's size. */
    private static String describe(RunningServer server) {
        return server.connectionCount() + " connections, " + server.queuedBytes() + " bytes queued, "
                + server.outputMemory().allocatedBytes() + " bytes of output memory pooled";
    }

    /** Backend names resolved against what ServiceLoader finds; an unknown one is a usage error. */
    static final class BackendChoice {
        private BackendChoice() {
        }

        static ServerBackend resolve(CommandLine cl, String name) {
            Backends backends = Backends.discover();
            return backends.find(name).orElseThrow(() -> new CommandLine.ParameterException(cl,
                    "unknown backend '" + name + "'; known backends: " + String.join(", ", backends.names())));
        }
    }
}
